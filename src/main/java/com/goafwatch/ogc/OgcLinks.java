package com.goafwatch.ogc;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Absolute links under {@code /ogcapi}, built from the request (so they follow the host the client used). */
final class OgcLinks {

    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private OgcLinks() {
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogcapi").build().toUriString();
    }

    static String root() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static void add(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode link = links.addObject().put("href", href).put("rel", rel).put("type", type);
        if (title != null) {
            link.put("title", title);
        }
    }
}
