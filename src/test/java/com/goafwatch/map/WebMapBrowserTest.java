package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

/**
 * The web map in Debian's headless Chromium (driven by Selenium through chromedriver) against the real
 * service: a site with a strained parcel A, a quiet parcel B, a settlement marker and an open alert.
 * Screenshots go to target/screenshots for a human look.
 */
@SuppressWarnings("unchecked")
class WebMapBrowserTest extends IntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired
    Evaluator evaluator;

    /** One browser for the class (a Chromium start is seconds on a busy machine); each test starts it clean. */
    private static com.goafwatch.support.HeadlessChromium shared;

    private EvaluationSite site;
    private WebDriver browser;
    /** A browser of the test's own (without WebGL), closed after it. */
    private com.goafwatch.support.HeadlessChromium own;
    private WebDriverWait wait;
    private WebMap map;
    private String username;

    @BeforeEach
    void siteAndBrowser() throws Exception {
        site = new EvaluationSite(api(), fixtures(), jdbc, "WEB");
        site.cable();
        site.rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "yellow": 400, "red": 800, "spikeFilter": false}""");
        site.marker("M-1", E0 + 50, N0 + 20);
        var hole = api().postJson("/api/v1/projects/" + site.projectId + "/boreholes?crs=EPSG:4548", String.format(java.util.Locale.ROOT, """
                {"code": "DH-1", "type": "grouting", "easting": %.1f, "northing": %.1f, "measuredDepthM": 120, "groutTakeM3": 80,
                 "stations": [{"mdM": 15, "inclinationDeg": 0, "azimuthDeg": 90}, {"mdM": 93.54, "inclinationDeg": 90, "azimuthDeg": 90}]}""",
                E0 + 10, N0 + 80));
        assertThat(hole.status()).as(hole.toString()).isEqualTo(201);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Instant t = t0.plus(i * 10L, ChronoUnit.MINUTES);
            data.append(site.trace(t, 100, 300 + 40 * i)).append(site.settlement("M-1", t, 1.5 + 0.3 * i));
        }
        site.send(data.toString());
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(51, ChronoUnit.MINUTES), "test");
        assertThat(((Number) api().get("/api/v1/alerts?project=" + site.projectId + "&state=open").json("$.returned")).intValue())
                .as("the site has one open alert").isEqualTo(1);

        username = Fixtures.uniqueCode("web").toLowerCase();
        var u = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(username,
                site.projectId, username));
        assertThat(u.status()).as(u.toString()).isEqualTo(201);

        if (shared == null) {
            shared = com.goafwatch.support.HeadlessChromium.start();
        }
        useBrowser(shared.browser());
        try {
            shared.cleanSlate(port);
        } catch (org.openqa.selenium.WebDriverException gone) {
            // the shared browser died with the test before: this test gets a new one, not that test's failure
            try {
                shared.close();
            } catch (RuntimeException alreadyGone) {
                // nothing left to end
            }
            shared = com.goafwatch.support.HeadlessChromium.start();
            useBrowser(shared.browser());
            shared.cleanSlate(port);
        }
        Files.createDirectories(SCREENSHOTS);
    }

    private void useBrowser(WebDriver driver) {
        browser = driver;
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        map = new WebMap(browser);
    }

    @AfterEach
    void closeOwnBrowser() {
        if (own != null) {
            own.close();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    private void signIn() {
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("pw-" + username + "-long-enough");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        try {
            awaitReady();
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the map did not finish loading at " + browser.getCurrentUrl() + "; console: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    /** The page sets body[data-ready] once the project is drawn; polled by script, so navigation in between cannot go stale. */
    private void awaitReady() {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).ignoring(org.openqa.selenium.JavascriptException.class)
                .until(d -> "true".equals(js("return document.body ? document.body.dataset.ready || '' : ''")));
    }

    /** [west, south, east, north] of a parcel in CRS84, from the API (not from the page). */
    private double[] box(long parcelId) {
        List<List<Double>> ring = api().get("/api/v1/parcels/" + parcelId).json("$.geometry.coordinates[0][0]");
        return WebMap.bounds(ring);
    }

    /** Clicks a parcel where the user would: inside it, at fractions of its box (clear of the cable, marker and borehole). */
    private void clickParcel(long parcelId, double fx, double fy) {
        double[] at = WebMap.at(box(parcelId), fx, fy);
        map.clickAt(at[0], at[1]);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Test
    void mapLoadsWithoutErrorsAndDrawsEveryParcelColouredByItsFlag() throws Exception {
        signIn();
        assertThat(js("return window.goafwatch.map.renderer")).as("WebGL is there: the vector-tile map").isEqualTo("maplibre");
        assertThat(browser.findElement(By.id("map-notice")).isDisplayed()).isFalse();
        wait.until(d -> map.drawnParcels().size() == 2);
        assertThat(map.drawnParcels().get("A")).containsEntry("level", "yellow").containsEntry("colour", colour("#f2c80f"));
        assertThat(map.drawnParcels().get("B")).containsEntry("level", "ok").containsEntry("colour", colour("#2ca02c"));
        // on screen, not only in MapLibre's books: the fill over the background, read from a screenshot
        map.awaitDrawn();
        assertThat(onScreenLevel(site.parcelA)).isEqualTo("yellow");
        assertThat(onScreenLevel(site.parcelB)).isEqualTo("ok");
        assertThat(map.drawn("markers")).containsExactly("M-1");
        wait.until(d -> !map.drawn("borehole-collars").isEmpty() && !map.drawn("borehole-traces").isEmpty());
        assertThat(browser.findElement(By.id("boreholes-toggle")).isDisplayed()).isTrue();
        wait.until(d -> map.drawn("cable-strain-line").contains("T-1"));
        assertThat(map.drawn("cables-line")).as("the cable from the tiles").containsExactly("T-1");
        assertThat(browser.findElements(By.cssSelector("#alert-list li.alert"))).hasSize(1);
        screenshot("01-map");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void clickingAParcelOpensItsPanelWithFlagsAndCharts() throws Exception {
        signIn();
        wait.until(d -> map.drawnParcels().containsKey("A"));
        map.awaitDrawn();
        // south-east of the centre: the cable runs across the middle of the parcel, the marker and borehole lie west
        clickParcel(site.parcelA, 0.75, 0.3);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "A"));
        assertThat(browser.findElement(By.cssSelector("#tab-parcel .parcel-mu")).getText()).startsWith("15.00");
        assertThat(browser.findElement(By.cssSelector("#tab-parcel .flags")).getText()).contains("strain");
        // the strain chart holds the history at the worst position, with threshold lines
        wait.until(d -> ((Number) js("const c = echarts.getInstanceByDom(document.querySelector('#tab-parcel .chart-strain'));"
                + "return c ? c.getOption().series[0].data.length : 0")).intValue() > 0);
        assertThat(((Number) js("return echarts.getInstanceByDom(document.querySelector('#tab-parcel .chart-strain'))"
                + ".getOption().series[0].markLine.data.length")).intValue()).isEqualTo(4);
        wait.until(d -> ((Number) js("const c = echarts.getInstanceByDom(document.querySelector('#tab-parcel .chart-settlement'));"
                + "return c ? c.getOption().series.length : 0")).intValue() == 1);
        assertThat(browser.findElements(By.cssSelector("#tab-parcel .chart-strain canvas"))).isNotEmpty();
        // the acceptance verdict, criterion by criterion: no QA tests and no grouting date recorded yet
        int criteria = ((List<Object>) api().get("/api/v1/parcels/" + site.parcelA + "/acceptance").json("$.criteria")).size();
        assertThat(criteria).isGreaterThanOrEqualTo(7);
        wait.until(d -> d.findElements(By.cssSelector("#tab-parcel .acceptance li")).size() == criteria);
        assertThat(browser.findElement(By.cssSelector("#tab-parcel .acceptance-verdict")).getText()).isEqualTo("insufficient data");
        // an engineer makes the phase report from here; it is stored (the new tab with the PDF is the browser's business)
        long reportsBefore = count("report WHERE project_id = " + site.projectId);
        browser.findElement(By.cssSelector("#tab-parcel .phase-report")).click();
        wait.until(d -> count("report WHERE project_id = " + site.projectId) == reportsBefore + 1);
        browser.switchTo().window(browser.getWindowHandles().iterator().next());
        screenshot("02-parcel-panel");

        // the cable's profile along chainage: the cable crosses the parcel's middle (the map framed the parcel when it opened)
        map.awaitDrawn();
        clickParcel(site.parcelA, 0.5, 0.5);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-cable .cable-code"), "T-1"));
        wait.until(d -> ((Number) js("const c = echarts.getInstanceByDom(document.querySelector('#tab-cable .chart-profile'));"
                + "return c ? c.getOption().series[0].data.length : 0")).intValue() > 100);
        assertThat((List<Object>) js("return echarts.getInstanceByDom(document.querySelector('#tab-cable .chart-profile'))"
                + ".getOption().series[0].markArea.data.map(a => a[0].name)")).containsExactly("A", "B");
        screenshot("03-cable-profile");
        assertThat(consoleErrors()).isEmpty();
    }

    /**
     * A level resting on one trace (a single-sample spike on the newest trace) is shown in the parcel's panel as
     * unconfirmed, with its value, and no alert is raised for it.
     */
    @Test
    void anUnconfirmedLevelIsShownInThePanelWithoutAnAlert() throws Exception {
        // on parcel A this rule takes the place of the project's unfiltered one (parcel over project)
        site.rule("""
                {"parcelId": %d, "name": "strain filtered", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600,
                 "unit": "ue", "yellow": 1000, "red": 2000, "spikeFilter": true}""".formatted(site.parcelA));
        Instant spikeAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS).plus(60, ChronoUnit.MINUTES);
        site.send(site.trace(spikeAt, d -> d == 90 ? 2600 : 0, d -> 16));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, spikeAt.plusSeconds(60), "test");
        assertThat(count("alert WHERE parcel_id = " + site.parcelA + " AND rule_name = 'strain filtered'")).as("nothing raised for a lone trace")
                .isZero();
        var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
        assertThat((List<String>) flags.json("$.flags[?(@.rule == 'strain filtered')].unconfirmed.level")).as(flags.body()).containsExactly("red");
        signIn();
        wait.until(d -> map.drawnParcels().containsKey("A"));
        map.awaitDrawn();
        clickParcel(site.parcelA, 0.75, 0.3);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "A"));
        WebElement unconfirmed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tab-parcel .flags .unconfirmed")));
        assertThat(unconfirmed.getText()).contains("unconfirmed").contains("2600");
        screenshot("05-unconfirmed-level");
        assertThat(consoleErrors()).isEmpty();
    }

    /** MapLibre's evaluated fill colour as the page reads it back (JSON of an {r, g, b, a} colour in 0..1). */
    private String colour(String hex) {
        return (String) js("const c = arguments[0]; const n = parseInt(c.slice(1), 16);"
                + "return JSON.stringify({r: (n >> 16 & 255) / 255, g: (n >> 8 & 255) / 255, b: (n & 255) / 255, a: 1});", hex);
    }

    /** The flag level whose colour, over the map background at the fill opacity, is nearest the screen inside the parcel. */
    private String onScreenLevel(long parcelId) throws Exception {
        double[] at = WebMap.at(box(parcelId), 0.75, 0.3);
        int[] rgb = map.pixelAt(at[0], at[1]);
        return WebMap.nearestFill(rgb, java.util.Map.of("red", "#d62728", "orange", "#ff7f0e", "yellow", "#f2c80f", "blue", "#1f77b4",
                "ok", "#2ca02c", "no_data", "#8c8c8c", "unknown", "#c7c7c7", "not_monitored", "#ffffff"));
    }

    /**
     * The page stays open while an evaluation raises parcel A from yellow to red: the live event recolours it, drawn
     * red on screen, without the page reloading; a click on it then opens its panel with the new level.
     */
    @Test
    void aRaisedFlagRecoloursItsParcelLiveAndTheParcelOpensOnClick() throws Exception {
        signIn();
        wait.until(d -> "yellow".equals(map.drawnParcels().getOrDefault("A", java.util.Map.of()).get("level")));
        map.awaitDrawn();
        assertThat(onScreenLevel(site.parcelA)).isEqualTo("yellow");
        js("window.__samePage = true");

        Instant t1 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS).plus(60, ChronoUnit.MINUTES);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            data.append(site.trace(t1.plus(i * 5L, ChronoUnit.MINUTES), 100, 900 + 10 * i));
        }
        site.send(data.toString());
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t1.plus(11, ChronoUnit.MINUTES), "test");
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level")).as("the service's level").isEqualTo("red");

        wait.until(d -> "red".equals(map.drawnParcels().get("A").get("level")));
        assertThat(map.drawnParcels().get("A")).as("recoloured through feature-state, set from the live event")
                .containsEntry("stateLevel", "red").containsEntry("colour", colour("#d62728"));
        map.awaitDrawn();
        wait.until(d -> {
            try {
                return "red".equals(onScreenLevel(site.parcelA));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(onScreenLevel(site.parcelB)).as("the quiet parcel keeps its colour").isEqualTo("ok");
        assertThat(js("return window.__samePage === true")).as("recoloured in place, no reload").isEqualTo(true);
        screenshot("07-raised-live");

        clickParcel(site.parcelA, 0.75, 0.3);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "A"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#tab-parcel .kv"), "red"));
        assertThat(consoleErrors()).isEmpty();
    }

    /** Without WebGL the page says so, in the user's language, and still draws every parcel (the Leaflet map). */
    @Test
    void withoutWebglThePageSaysSoAndDrawsTheFallbackMap() throws Exception {
        own = com.goafwatch.support.HeadlessChromium.start(false);
        useBrowser(own.browser());
        signIn();
        assertThat(js("return window.goafwatch.map.renderer")).isEqualTo("leaflet");
        WebElement notice = browser.findElement(By.id("map-notice"));
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getText()).contains("WebGL");
        wait.until(d -> d.findElements(By.cssSelector("path.parcel")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("path.parcel-A.level-yellow"))).hasSize(1);
        browser.findElement(By.id("lang")).click();
        wait.until(d -> notice.getText().contains("此浏览器不支持 WebGL"));
        screenshot("08-no-webgl");
        browser.findElement(By.id("lang")).click();
    }

    /** The parcel list is asked for with the tiles and taken in after the first render: search works whether or not it is in yet, and then suggests every code. */
    @Test
    void searchingAParcelCodeOpensItsPanel() throws Exception {
        List<String> codes = api().get("/api/v1/parcels?project=" + site.projectId + "&skipGeometry=true").json("$.features[*].properties.code");
        assertThat(codes).as("the site's parcels, from the API").containsExactlyInAnyOrder("A", "B");
        signIn();
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("b", org.openqa.selenium.Keys.TAB); // any case; the change event fires on leaving the box
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "B"));
        wait.until(d -> codes.stream().sorted().toList().equals(((List<String>) js(
                "return [...document.querySelectorAll('#parcel-codes option')].map(o => o.value).sort()"))));
        search.clear();
        search.sendKeys("NO-SUCH-PARCEL", org.openqa.selenium.Keys.TAB);
        wait.until(d -> d.findElement(By.id("toast")).isDisplayed() && d.findElement(By.id("toast")).getText().contains("NO-SUCH-PARCEL"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "B")); // still B: re-found, the panel may redraw
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void acknowledgingAnAlertUpdatesTheList() throws Exception {
        signIn();
        WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alert-list li.alert.state-raised")));
        item.findElement(By.cssSelector("textarea.ack-comment")).sendKeys("checked the trench, no cracks");
        item.findElement(By.cssSelector("button.ack")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list li.alert.state-acknowledged")));
        // a live event may redraw the list between finding the line and reading it: the condition re-finds it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list li.alert.state-acknowledged .small"), username));
        String state = jdbc.sql("SELECT state || ' ' || acknowledged_by FROM alert WHERE project_id = ?").param(site.projectId)
                .query(String.class).single();
        assertThat(state).isEqualTo("acknowledged " + username);
        screenshot("04-alert-acknowledged");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void languageSwitchChangesTheLabels() throws Exception {
        signIn();
        By alertsTab = By.cssSelector("button[data-tab=alerts]");
        assertThat(browser.findElement(alertsTab).getText()).isEqualTo("Alerts");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(alertsTab, "预警"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.id("legend")).getText()).contains("治理地块", "光纤光缆");
        screenshot("05-chinese");
        browser.navigate().refresh(); // the choice is remembered
        awaitReady();
        assertThat(browser.findElement(alertsTab).getText()).isEqualTo("预警");
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(alertsTab, "Alerts"));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void tabletLayoutStacksMapAndPanel() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1100));
        signIn();
        var map = browser.findElement(By.id("map")).getRect();
        var panel = browser.findElement(By.id("panel")).getRect();
        assertThat(panel.getY()).as("the panel sits below the map on a narrow screen").isGreaterThanOrEqualTo(map.getY() + map.getHeight() - 1);
        assertThat(panel.getWidth()).isGreaterThan(700);
        screenshot("06-tablet");
    }
}
