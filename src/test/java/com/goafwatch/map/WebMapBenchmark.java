package com.goafwatch.map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HeadlessChromium;

/**
 * Web map in Chromium (not a test): a site of 5,000 parcels opened by the vector-tile page (MapLibre, WebGL through
 * SwiftShader) and by the former page (every parcel as GeoJSON into Leaflet's SVG, {@code ?renderer=leaflet}), one
 * browser, alternating which goes first in each round. Times, from the start of navigation: until the page has loaded
 * its project and every parcel in view is drawn (first render); then a pan by half the map's width until the map is
 * drawn again. Writes target/bench/webmap.md.
 *
 * <p>Arguments: serviceUrl adminPassword rounds [parcels=5000]
 */
public final class WebMapBenchmark {

    private static final int BATCH = 500;
    private static final double SIDE_M = 60;
    private static final int COLUMNS = 100;

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String adminPassword = args[1];
        int rounds = Integer.parseInt(args[2]);
        int parcels = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        long project = site(service, adminPassword, parcels);

        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> pan = new LinkedHashMap<>();
        Map<String, Long> drawn = new LinkedHashMap<>();
        List<String> renderers = new ArrayList<>(List.of("maplibre", "leaflet"));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.browser();
            signIn(browser, service, adminPassword);
            for (int round = -1; round < rounds; round++) { // round -1 warms the service, the JIT and the browser's cache
                Collections.reverse(renderers);
                for (String renderer : renderers) {
                    double[] t = open(browser, service, project, renderer);
                    if (round >= 0) {
                        first.computeIfAbsent(renderer, k -> new ArrayList<>()).add(t[0]);
                        pan.computeIfAbsent(renderer, k -> new ArrayList<>()).add(t[1]);
                        drawn.put(renderer, (long) t[2]);
                    }
                    System.err.printf(Locale.ROOT, "round %d %s: first render %.0f ms, pan %.0f ms, %d parcels drawn%n", round, renderer,
                            t[0], t[1], (long) t[2]);
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Web map, %d parcels, %d rounds interleaved, headless Chromium (SwiftShader WebGL), window 1280×900:%n%n"
                        + "| page | parcels drawn in view | first render p50 / max (ms) | pan p50 / max (ms) |%n|---|---|---|---|%n",
                parcels, rounds));
        for (String r : List.of("maplibre", "leaflet")) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f / %.0f | %.0f / %.0f |%n",
                    r.equals("maplibre") ? "vector tiles (MapLibre)" : "GeoJSON + SVG (Leaflet, before)", drawn.get(r),
                    median(first.get(r)), Collections.max(first.get(r)), median(pan.get(r)), Collections.max(pan.get(r))));
        }
        md.append(String.format(Locale.ROOT, "%nRatio Leaflet / MapLibre, p50: first render %.2f, pan %.2f%n",
                median(first.get("leaflet")) / median(first.get("maplibre")), median(pan.get("leaflet")) / median(pan.get("maplibre"))));
        System.out.print(md);
        Path out = Path.of("target", "bench", "webmap.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    /**
     * Opens the project's map; returns {ms from navigation start until every parcel in view is drawn, ms for a pan by half
     * the map's width until drawn again, distinct parcels drawn in the first view}.
     */
    private static double[] open(WebDriver browser, String service, long project, String renderer) {
        browser.get(service + "/?project=" + project + (renderer.equals("leaflet") ? "&renderer=leaflet" : ""));
        new WebDriverWait(browser, Duration.ofMinutes(10)).until(d -> "true".equals(js(d, "return document.body.dataset.ready || ''")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String actual = (String) js(browser, "return window.goafwatch.map.renderer");
        if (!renderer.equals(actual)) {
            throw new IllegalStateException("asked for " + renderer + ", the page drew " + actual);
        }
        Number firstMs = (Number) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.goafwatch.map.rendered().then(() => done(performance.now()));");
        Number count = (Number) js(browser, renderer.equals("leaflet") ? "return document.querySelectorAll('path.parcel').length"
                : "return new Set(window.goafwatch.map.map.queryRenderedFeatures({layers: ['parcels-fill']}).map(f => f.id)).size");
        Number panMs = (Number) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const m = window.goafwatch.map;
                const half = document.getElementById('map').clientWidth / 2;
                const t = performance.now();
                if (m.renderer === 'leaflet') {
                  m.map.once('moveend', () => m.rendered().then(() => done(performance.now() - t)));
                  m.map.panBy([half, 0], {animate: false});
                } else {
                  m.map.once('moveend', () => m.map.once('idle', () => done(performance.now() - t)));
                  m.map.panBy([half, 0], {animate: false});
                }""");
        return new double[] {firstMs.doubleValue(), panMs.doubleValue(), count.doubleValue()};
    }

    private static Object js(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void signIn(WebDriver browser, String service, String adminPassword) {
        browser.get(service + "/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(adminPassword);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofMinutes(5)).until(d -> "true".equals(js(d, "return document.body ? document.body.dataset.ready || '' : ''")));
    }

    /** A project of {@code parcels} adjacent 60 m squares in rows of 100, imported in batches through the API. */
    private static long site(String service, String adminPassword, int parcels) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String code = "WEBMAP-" + System.currentTimeMillis();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/projects"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"" + code + "\", \"name\": \"5,000 parcels\", \"surveyCrs\": \"EPSG:4548\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("project: " + created.statusCode() + " " + created.body());
        }
        long project = ((Number) com.jayway.jsonpath.JsonPath.read(created.body(), "$.id")).longValue();
        for (int from = 0; from < parcels; from += BATCH) {
            List<String> features = new ArrayList<>();
            for (int i = from; i < Math.min(parcels, from + BATCH); i++) {
                double e = Fixtures.E0 + (i % COLUMNS) * SIDE_M;
                double n = Fixtures.N0 + (i / COLUMNS) * SIDE_M;
                features.add(Fixtures.feature(String.format(Locale.ROOT, "P%05d", i), 1, "Polygon", Fixtures.square(e, n, SIDE_M)));
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/projects/" + project
                    + "/parcels/import?crs=EPSG:4548")).header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.collection(features.toArray(String[]::new)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("import: " + r.statusCode() + " " + r.body());
            }
        }
        System.err.printf(Locale.ROOT, "project %d: %d parcels%n", project, parcels);
        return project;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
