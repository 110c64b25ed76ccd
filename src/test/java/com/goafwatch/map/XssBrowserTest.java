package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.WebMap;
import com.sun.net.httpserver.HttpServer;

/**
 * Stored XSS, in Debian's headless Chromium as a viewer (before the fix a project named {@code <img src=x onerror=…>}
 * ran script through the project selector). A payload is planted in every free-text field a user can write; every
 * panel, list and tooltip is opened; no script may run: the payload would set a window flag and load a URL from a
 * probe server that records requests, its markup would leave a {@code data-xss} element, and the Content-Security-Policy
 * would complain in the console. All four are checked, and the payload must show as plain text.
 */
class XssBrowserTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private EvaluationSite site;
    private HttpServer probe;
    private final List<String> probed = new CopyOnWriteArrayList<>();
    private WebDriver browser;
    private com.goafwatch.support.HeadlessChromium chromium;
    private WebDriverWait wait;
    private WebMap map;
    private String viewer;

    /**
     * Under 100 characters (the shortest free-text limit, land use), no double quotes or spaces inside attributes, so it
     * travels in JSON unchanged: run as script it sets window.__xss and loads a URL from the probe.
     */
    private String payload(String field) {
        return "<img src=x data-xss=" + field + " onerror=__xss=1;new(Image).src='//127.0.0.1:" + probe.getAddress().getPort() + "/"
                + field + "'>" + field;
    }

    private static void ok(com.goafwatch.support.HttpApi.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @BeforeEach
    void plantPayloads() throws Exception {
        probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        probe.createContext("/", exchange -> {
            probed.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        probe.start();

        site = new EvaluationSite(api(), fixtures(), jdbc, "XSS");
        site.cable();
        String code = api().get("/api/v1/projects/" + site.projectId).json("$.code");
        ok(api().putJson("/api/v1/projects/" + site.projectId, """
                {"code": "%s", "name": "%s", "surveyCrs": "EPSG:4548", "description": "%s"}""".formatted(code, json(payload("project")),
                json(payload("desc")))));
        ok(api().putJson("/api/v1/phases/" + site.phaseId, "{\"ordinal\": 1, \"name\": \"" + json(payload("phase")) + "\"}"));
        ok(api().putJson("/api/v1/parcels/" + site.parcelA + "?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "A", "phase": 1, "name": "%s", "landUse": "%s"},
                 "geometry": {"type": "Polygon", "coordinates": %s}}""".formatted(json(payload("pname")), json(payload("landuse")),
                Fixtures.square(E0, N0, 100))));
        site.rule("""
                {"name": "%s", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "yellow": 400, "red": 800, "spikeFilter": false}""".formatted(json(payload("rule"))));
        site.marker("M-1", E0 + 50, N0 + 20);
        ok(api().postJson("/api/v1/projects/" + site.projectId + "/boreholes?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"code": "DH-1", "type": "grouting", "easting": %.1f, "northing": %.1f, "measuredDepthM": 60, "groutTakeM3": 80,
                 "notes": "%s"}""", E0 + 10, N0 + 80, json(payload("bhnotes")))));
        ok(api().postJson("/api/v1/projects/" + site.projectId + "/qa-tests", """
                {"code": "Q-1", "type": "core_strength", "parcel": "A", "testedOn": "2020-09-01", "coreStrengthMpa": 11.5,
                 "notes": "%s"}""".formatted(json(payload("qanotes")))));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            Instant t = t0.plus(i * 10L, ChronoUnit.MINUTES);
            data.append(site.trace(t, 100, 300 + 40 * i)).append(site.settlement("M-1", t, 1.5 + 0.3 * i));
        }
        site.send(data.toString());
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(31, ChronoUnit.MINUTES), "test");
        long alert = ((Number) api().get("/api/v1/alerts?project=" + site.projectId + "&state=open").json("$.alerts[0].id")).longValue();
        ok(api().postJson("/api/v1/alerts/" + alert + "/comments", "{\"comment\": \"" + json(payload("comment")) + "\"}"));
        ok(api().postJson("/api/v1/alerts/" + alert + "/acknowledge", "{\"comment\": \"" + json(payload("ack")) + "\"}"));
        ok(api().putJson("/api/v1/parcels/" + site.parcelB + "?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "B", "phase": 1, "status": "monitoring"},
                 "geometry": {"type": "Polygon", "coordinates": %s}}""".formatted(Fixtures.square(E0 + 100, N0, 100))));
        ok(api().postJson("/api/v1/parcels/" + site.parcelB + "/acceptance-decision",
                "{\"decision\": \"rejected\", \"comment\": \"" + json(payload("decision")) + "\"}"));

        viewer = Fixtures.uniqueCode("xss").toLowerCase();
        ok(api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "viewer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(viewer,
                site.projectId, viewer)));

        chromium = com.goafwatch.support.HeadlessChromium.start();
        browser = chromium.browser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        map = new WebMap(browser);
    }

    @AfterEach
    void close() {
        if (chromium != null) {
            chromium.close();
        }
        probe.stop(0);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void noScriptRan(String where) {
        assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).as(where + ": window flag").isNull();
        assertThat(((Number) js("return document.querySelectorAll('[data-xss]').length")).intValue()).as(where + ": injected markup")
                .isZero();
    }

    /** Hovers a CRS84 position until the map's tooltip shows {@code text}. */
    private void hover(double[] at, String text) {
        map.hoverAt(at[0], at[1]);
        wait.until(d -> d.findElements(By.cssSelector(".map-tooltip")).stream().anyMatch(e -> e.getText().contains(text)));
    }

    private double[] box(long parcelId) {
        java.util.List<java.util.List<Double>> ring = api().get("/api/v1/parcels/" + parcelId).json("$.geometry.coordinates[0][0]");
        return WebMap.bounds(ring);
    }

    private void clickParcel(long parcelId, double fx, double fy) {
        double[] at = WebMap.at(box(parcelId), fx, fy);
        map.awaitDrawn();
        map.clickAt(at[0], at[1]);
    }

    @Test
    void noPlantedPayloadRunsInAnyPanelListOrTooltip() {
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(viewer);
        browser.findElement(By.id("password")).sendKeys("pw-" + viewer + "-long-enough");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "true".equals(js("return document.body ? document.body.dataset.ready || '' : ''")));
        wait.until(d -> !map.drawn("borehole-collars").isEmpty() && map.drawnParcels().size() == 2);
        map.awaitDrawn();
        noScriptRan("map, project selector, legend, phase labels, alert list");
        assertThat(browser.findElement(By.cssSelector("#project option")).getText()).as("shown as text")
                .contains(payload("project"));
        assertThat(browser.findElement(By.id("alert-list")).getText()).contains(payload("rule"));

        double[] a = box(site.parcelA);
        hover(WebMap.at(a, 0.75, 0.3), "A");
        hover(WebMap.at(a, 0.5, 0.2), "M-1"); // the marker at 50 m east, 20 m north of the parcel's corner
        hover(WebMap.at(a, 0.5, 0.5), "T-1");
        hover(WebMap.at(a, 0.1, 0.8), "DH-1"); // the borehole's collar
        noScriptRan("tooltips");

        clickParcel(site.parcelA, 0.75, 0.3);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "A"));
        wait.until(d -> d.findElements(By.cssSelector("#tab-parcel .acceptance li")).size() > 0);
        assertThat(browser.findElement(By.cssSelector("#tab-parcel .kv")).getText()).contains(payload("landuse"));
        assertThat(browser.findElement(By.cssSelector("#tab-parcel .flags")).getText()).contains(payload("rule"));
        noScriptRan("parcel panel");

        clickParcel(site.parcelB, 0.75, 0.3);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "B"));
        wait.until(d -> d.findElements(By.cssSelector("#tab-parcel .acceptance li")).size() > 0);
        noScriptRan("rejected parcel's panel");

        clickParcel(site.parcelA, 0.5, 0.5);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-cable .cable-code"), "T-1"));
        noScriptRan("cable panel");

        browser.findElement(By.cssSelector("button[data-tab=alerts]")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("alert-state"))).selectByValue("");
        wait.until(d -> d.findElement(By.id("alert-list")).getText().contains(payload("rule")));
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("button[data-tab=alerts]"), "预警"));
        noScriptRan("alert list, all states, other language");
        browser.findElement(By.id("lang")).click();

        assertThat(probed).as("requests the payloads would have made").isEmpty();
        List<String> csp = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("127.0.0.1:" + probe.getAddress().getPort())).toList();
        assertThat(csp).as("no markup got far enough for the Content-Security-Policy to stop it").isEmpty();
        var page = api().anonymous().getBytes("/");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
    }
}
