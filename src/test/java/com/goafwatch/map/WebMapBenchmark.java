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

        Map<String, List<Opening>> runs = new LinkedHashMap<>();
        StringBuilder panCosts = new StringBuilder();
        List<String> renderers = new ArrayList<>(List.of("maplibre", "leaflet"));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.browser();
            signIn(browser, service, adminPassword);
            for (int round = -1; round < rounds; round++) { // round -1 warms the service, the JIT and the browser's cache
                Collections.reverse(renderers);
                for (String renderer : renderers) {
                    Opening o = open(browser, service, project, renderer);
                    if (round >= 0) {
                        runs.computeIfAbsent(renderer, k -> new ArrayList<>()).add(o);
                    }
                    if (round == rounds - 1) {
                        timeline(browser, renderer);
                        if (renderer.equals("maplibre")) {
                            panCosts.append(panCostByLayer(browser));
                        }
                    }
                    System.err.printf(Locale.ROOT, "round %d %s: %s%n", round, renderer, o);
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Web map, %d parcels (60 m squares, 100 per row), %d rounds interleaved, headless Chromium 1280×900 (WebGL by SwiftShader)."
                        + " Medians (max) in ms from the start of navigation:%n%n"
                        + "| page | parcels drawn | parcels first drawn | page ready | parcel list in (search) | pan, whole site in view | pan at zoom 16 | kB transferred (page, not the worker's tiles) |%n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|%n", parcels, rounds));
        for (String r : List.of("maplibre", "leaflet")) {
            List<Opening> os = runs.get(r);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d |%n",
                    r.equals("maplibre") ? "vector tiles (MapLibre)" : "GeoJSON + SVG (Leaflet, before)", os.get(os.size() - 1).parcelsDrawn(),
                    cell(os, Opening::drawnMs), cell(os, Opening::readyMs), cell(os, Opening::listedMs), cell(os, Opening::panMs), cell(os, Opening::closePanMs),
                    os.get(os.size() - 1).kilobytes()));
        }
        java.util.function.Function<java.util.function.ToDoubleFunction<Opening>, Double> ratio = f ->
                median(runs.get("leaflet").stream().map(f::applyAsDouble).toList()) / median(runs.get("maplibre").stream().map(f::applyAsDouble).toList());
        md.append(String.format(Locale.ROOT, "%nLeaflet / MapLibre, medians: first drawn %.2f, ready %.2f, list in %.2f, pan %.2f, pan at zoom 16 %.2f%n",
                ratio.apply(Opening::drawnMs), ratio.apply(Opening::readyMs), ratio.apply(Opening::listedMs), ratio.apply(Opening::panMs),
                ratio.apply(Opening::closePanMs)));
        md.append(String.format(Locale.ROOT, "%nVector-tile page, pan with the whole site in view with parcel layers hidden (what a frame costs), medians of 5 pans in ms: %s%n",
                panCosts));
        System.out.print(md);
        Path out = Path.of("target", "bench", "webmap.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    /** What one opening of the page measured. */
    private record Opening(double drawnMs, double readyMs, double listedMs, double panMs, double closePanMs, long parcelsDrawn, long kilobytes) {
    }

    private static final String PAN = """
            const done = arguments[arguments.length - 1];
            const m = window.goafwatch.map;
            const half = document.getElementById('map').clientWidth / 2;
            const drawn = () => m.renderer === 'leaflet' ? m.rendered() : new Promise(r => m.map.once('idle', r));
            const pan = () => new Promise(resolve => {
              const t = performance.now();
              m.map.once('moveend', () => drawn().then(() => resolve(performance.now() - t)));
              m.map.panBy([half, 0], {animate: false});
            });
            const zoomIn = () => new Promise(resolve => {
              m.map.once('moveend', () => drawn().then(resolve));
              if (m.renderer === 'leaflet') m.map.setView(m.map.getCenter(), 16, {animate: false});
              else m.map.jumpTo({zoom: 16});
            });
            pan().then(far => zoomIn().then(pan).then(close => done([far, close])));""";

    /**
     * Opens the project's map and measures, from the start of navigation: until the parcels in view are first drawn (the
     * map's own mark: MapLibre's first idle with every tile in view loaded, Leaflet's first frame after adding the
     * parcels) and until the page is ready (overlays, alerts, live events), and until the parcel list is in (search
     * suggestions and the alert filter filled: asked for with the TileJSON and taken in after the first render on the
     * vector-tile page, with the drawing on Leaflet's); then,
     * with the page quiet, a pan by half the map's width until drawn again, at the view that fits the site and at zoom
     * 16; the parcels drawn and the bytes the page transferred (its own requests: MapLibre's worker fetches the tiles,
     * and a worker's requests are not in the page's resource timing).
     */
    @SuppressWarnings("unchecked")
    private static Opening open(WebDriver browser, String service, long project, String renderer) {
        browser.get(service + "/?project=" + project + (renderer.equals("leaflet") ? "&renderer=leaflet" : ""));
        new WebDriverWait(browser, Duration.ofMinutes(10)).until(d -> "true".equals(js(d, "return document.body.dataset.ready || ''"))
                && js(d, "return window.goafwatch.map.drawnAt") != null && js(d, "return window.goafwatch.listedAt") != null);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String actual = (String) js(browser, "return window.goafwatch.map.renderer");
        if (!renderer.equals(actual)) {
            throw new IllegalStateException("asked for " + renderer + ", the page drew " + actual);
        }
        js.executeAsyncScript("const done = arguments[arguments.length - 1]; window.goafwatch.map.rendered().then(() => done(true));");
        double drawnMs = ((Number) js(browser, "return window.goafwatch.map.drawnAt")).doubleValue();
        double readyMs = ((Number) js(browser, "return window.goafwatch.readyAt")).doubleValue();
        double listedMs = ((Number) js(browser, "return window.goafwatch.listedAt")).doubleValue();
        Number count = (Number) js(browser, renderer.equals("leaflet") ? "return document.querySelectorAll('path.parcel').length"
                : "return new Set(window.goafwatch.map.map.queryRenderedFeatures({layers: ['parcels-fill']}).map(f => f.id)).size");
        Number bytes = (Number) js(browser, "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.transferSize || 0), 0)");
        List<Number> pans = (List<Number>) js.executeAsyncScript(PAN);
        return new Opening(drawnMs, readyMs, listedMs, pans.get(0).doubleValue(), pans.get(1).doubleValue(), count.longValue(), bytes.longValue() / 1024);
    }

    private static final String PAN_COST = """
            const done = arguments[arguments.length - 1];
            const m = window.goafwatch.map;
            const half = document.getElementById('map').clientWidth / 2;
            const outlines = ['parcels-unmonitored', 'parcels-unmonitored-far', 'parcels-line'];
            const hide = { all: [], 'no outlines': outlines, 'no parcels': [...outlines, 'parcels-fill'] };
            const pan = dx => new Promise(resolve => {
              const t = performance.now();
              m.map.once('moveend', () => m.map.once('idle', () => resolve(performance.now() - t)));
              m.map.panBy([dx, 0], {animate: false});
            });
            (async () => {
              await m.fitParcels();
              await m.rendered();
              const out = [];
              for (const [name, layers] of Object.entries(hide)) {
                layers.forEach(id => m.map.setLayoutProperty(id, 'visibility', 'none'));
                await m.rendered();
                const times = [];
                for (let i = 0; i < 5; i++) { times.push(await pan(half)); await pan(-half); }
                times.sort((a, b) => a - b);
                out.push(name + ' ' + Math.round(times[2]));
                layers.forEach(id => m.map.setLayoutProperty(id, 'visibility', 'visible'));
              }
              done(out.join(', '));
            })();""";

    /** Diagnostic: the whole-site pan with the parcels' layers hidden one by one, which tells what a frame costs. */
    private static String panCostByLayer(WebDriver browser) {
        String r = (String) ((JavascriptExecutor) browser).executeAsyncScript(PAN_COST);
        System.err.println("pan cost by layer: " + r);
        return r;
    }

    private static final String TIMELINE = """
            const rel = u => { const x = new URL(u, location.href); return x.pathname + x.search; };
            const lines = performance.getEntriesByType('resource').map(e =>
              [Math.round(e.startTime), Math.round(e.responseEnd), Math.round(e.transferSize / 1024), rel(e.name)]);
            const m = window.goafwatch;
            const steps = [['first render (drawnAt)', m.map.drawnAt], ['page ready (readyAt)', m.readyAt], ['parcel list in (listedAt)', m.listedAt]];
            // the steps before the first render: page code running, session in, map made, style loaded, TileJSON in, tiles in
            for (const [k, at] of Object.entries(m.marks || {})) steps.push(['page ' + k, at]);
            for (const [k, at] of Object.entries(m.map.marks || {})) steps.push(['map ' + k, at]);
            for (const [name, at] of steps) if (at != null) lines.push([Math.round(at), Math.round(at), 0, '== ' + name]);
            lines.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            return lines.map(l => l[0] + '\\t' + l[1] + '\\t' + l[2] + '\\t' + l[3]).join('\\n');""";

    /**
     * The profile of the last opening: every request the page made (start and end in ms from the start of navigation,
     * kB, path) with the page's own marks, to target/bench/webmap-timeline-RENDERER.tsv: what the first render waited on.
     */
    private static void timeline(WebDriver browser, String renderer) throws java.io.IOException {
        Path out = Path.of("target", "bench", "webmap-timeline-" + renderer + ".tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "start_ms\tend_ms\tkB\trequest\n" + js(browser, TIMELINE) + "\n");
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
    public static long site(String service, String adminPassword, int parcels) throws Exception {
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
        HttpResponse<String> phase = http.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/projects/" + project + "/phases"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ordinal\": 1, \"name\": \"Phase 1\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (phase.statusCode() != 201) {
            throw new IllegalStateException("phase: " + phase.statusCode() + " " + phase.body());
        }
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
                throw new IllegalStateException("import: " + r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
            }
        }
        System.err.printf(Locale.ROOT, "project %d: %d parcels%n", project, parcels);
        return project;
    }

    private static String cell(List<Opening> os, java.util.function.ToDoubleFunction<Opening> f) {
        List<Double> v = os.stream().map(f::applyAsDouble).toList();
        return String.format(Locale.ROOT, "%.0f (%.0f)", median(v), Collections.max(v));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
