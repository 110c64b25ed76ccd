package com.goafwatch.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web map (MapLibre, WebGL) as a browser test sees it. The map is one canvas, so a feature is found by what
 * MapLibre reports as drawn ({@code queryRenderedFeatures} on the page's layers) and clicked where a user would: at
 * the screen point of a coordinate the test knows from the API (GeoJSON, CRS84), projected by the map. Colours are
 * read back from a screenshot, not from the page's variables.
 */
public final class WebMap {

    /** Background of the map where no basemap is configured (#eef0ec in app.css and the map style). */
    public static final int[] BACKGROUND = {0xee, 0xf0, 0xec};
    public static final double PARCEL_FILL_OPACITY = 0.55;

    private final WebDriver browser;

    public WebMap(WebDriver browser) {
        this.browser = browser;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Waits until every tile in view is loaded and drawn. */
    public void awaitDrawn() {
        ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.goafwatch.map.rendered().then(() => done(true));");
    }

    /** Codes of the features MapLibre draws in the view on one of the page's layers (e.g. parcels-fill, markers), distinct. */
    @SuppressWarnings("unchecked")
    public List<String> drawn(String layer) {
        return (List<String>) js("const m = window.goafwatch.map.map; if (!m.getLayer(arguments[0])) return [];"
                + "return [...new Set(m.queryRenderedFeatures({layers: [arguments[0]]}).map(f => String(f.properties.code)))];", layer);
    }

    /**
     * Per parcel code drawn in the view: the flag level MapLibre draws it with ({@code level}: its feature-state
     * {@code stateLevel}, else the tile's attribute {@code tileLevel}) and the fill colour MapLibre evaluated for it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, String>> drawnParcels() {
        List<Map<String, String>> rows = (List<Map<String, String>>) js("""
                const m = window.goafwatch.map.map;
                return m.queryRenderedFeatures({layers: ['parcels-fill']}).map(f => ({code: String(f.properties.code),
                  level: f.state && f.state.level ? f.state.level : f.properties.flagLevel,
                  stateLevel: f.state && f.state.level ? f.state.level : '', tileLevel: f.properties.flagLevel,
                  colour: JSON.stringify(f.layer.paint && f.layer.paint['fill-color'])}));""");
        Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
        rows.forEach(r -> byCode.put(r.get("code"), r));
        return byCode;
    }

    /** Screen offset of a CRS84 position from the map element's top-left corner, in CSS pixels. */
    @SuppressWarnings("unchecked")
    public double[] project(double lon, double lat) {
        Map<String, Number> p = (Map<String, Number>) js("const p = window.goafwatch.map.map.project([arguments[0], arguments[1]]);"
                + "return {x: p.x, y: p.y};", lon, lat);
        return new double[] {p.get("x").doubleValue(), p.get("y").doubleValue()};
    }

    private WebElement element() {
        return browser.findElement(By.id("map"));
    }

    /** Moves the pointer to a CRS84 position on the map and clicks there. */
    public void clickAt(double lon, double lat) {
        pointerAt(lon, lat).click().perform();
    }

    public void hoverAt(double lon, double lat) {
        pointerAt(lon, lat).perform();
    }

    private Actions pointerAt(double lon, double lat) {
        double[] p = project(lon, lat);
        WebElement map = element();
        // Selenium 4 measures offsets from the element's centre
        int dx = (int) Math.round(p[0] - map.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(p[1] - map.getRect().getHeight() / 2.0);
        return new Actions(browser).moveToElement(map, dx, dy);
    }

    /** The colour on screen at a CRS84 position, from a screenshot of the page ({R, G, B}). */
    public int[] pixelAt(double lon, double lat) throws Exception {
        double[] p = project(lon, lat);
        var rect = element().getRect();
        double ratio = ((Number) js("return window.devicePixelRatio")).doubleValue();
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int rgb = image.getRGB((int) Math.round((rect.getX() + p[0]) * ratio), (int) Math.round((rect.getY() + p[1]) * ratio));
        return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

    /** Of the named hex colours, the one that, laid over the background at the parcels' fill opacity, is nearest {@code rgb}. */
    public static String nearestFill(int[] rgb, Map<String, String> hexByName) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (var e : hexByName.entrySet()) {
            int colour = Integer.parseInt(e.getValue().substring(1), 16);
            int[] c = {(colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff};
            double d = 0;
            for (int i = 0; i < 3; i++) {
                double blended = PARCEL_FILL_OPACITY * c[i] + (1 - PARCEL_FILL_OPACITY) * BACKGROUND[i];
                d += (blended - rgb[i]) * (blended - rgb[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    /** [west, south, east, north] of a GeoJSON Polygon or MultiPolygon's first ring, as the API returned it. */
    public static double[] bounds(List<List<Double>> ring) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (List<Double> p : ring) {
            b[0] = Math.min(b[0], p.get(0));
            b[1] = Math.min(b[1], p.get(1));
            b[2] = Math.max(b[2], p.get(0));
            b[3] = Math.max(b[3], p.get(1));
        }
        return b;
    }

    /** The CRS84 position at fractions (0..1 west→east, 0..1 south→north) of a bounding box. */
    public static double[] at(double[] bounds, double fx, double fy) {
        return new double[] {bounds[0] + fx * (bounds[2] - bounds[0]), bounds[1] + fy * (bounds[3] - bounds[1])};
    }
}
