package com.goafwatch.ogc;

import com.goafwatch.system.PublicBaseUrl;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Absolute links under {@code /ogcapi}, from the service's public base URL (never the client's Host header). */
final class OgcLinks {

    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private OgcLinks() {
    }

    static String base() {
        return PublicBaseUrl.current() + "/ogcapi";
    }

    static String root() {
        return PublicBaseUrl.current();
    }

    static void add(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode link = links.addObject().put("href", href).put("rel", rel).put("type", type);
        if (title != null) {
            link.put("title", title);
        }
    }
}
