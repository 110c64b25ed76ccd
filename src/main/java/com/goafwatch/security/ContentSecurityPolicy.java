package com.goafwatch.security;

import java.net.URI;

/**
 * The Content-Security-Policy of every response: scripts only from the service itself (no inline script, no eval), no
 * plugins, no framing, forms and fetches to the service only, images from the service and the configured basemap's
 * host. Inline styles stay allowed: Leaflet, MapLibre, ECharts and the login page set them, and a style cannot run script.
 * MapLibre's web worker is a module script served by the service ({@code /vendor/maplibre-gl/maplibre-gl-worker.mjs}),
 * which {@code script-src 'self'} already allows ({@code worker-src} falls back to it): no {@code blob:} worker is needed.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {
    }

    /** @param basemapUrl the XYZ template of {@code goafwatch.map.basemap-url}, possibly empty */
    static String policy(String basemapUrl) {
        String tiles = basemapSource(basemapUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + (tiles.isEmpty() ? "" : " " + tiles) + "; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    /** scheme://host[:port] of a tile template; a templated label such as t{s}.tianditu.gov.cn becomes *.tianditu.gov.cn. */
    static String basemapSource(String basemapUrl) {
        if (basemapUrl == null || basemapUrl.isBlank()) {
            return "";
        }
        int schemeEnd = basemapUrl.indexOf("://");
        if (schemeEnd < 0) {
            return "";
        }
        String scheme = basemapUrl.substring(0, schemeEnd);
        String rest = basemapUrl.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String[] labels = authority.split("\\.");
        int templated = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].contains("{")) {
                templated = i;
            }
        }
        String host = templated < 0 ? authority : "*." + String.join(".", java.util.Arrays.copyOfRange(labels, templated + 1, labels.length));
        if (!(scheme.equals("https") || scheme.equals("http")) || !host.matches("[A-Za-z0-9.*:-]+")) {
            return "";
        }
        return URI.create(scheme + "://" + host.replace("*.", "wildcard.")).getHost() == null ? "" : scheme + "://" + host;
    }
}
