package com.goafwatch.ogc;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the FeatureCollection and Feature documents around Feature texts that PostGIS has already encoded
 * ({@link OgcFeatureRepository}), without parsing them again: the features go out byte for byte as PostgreSQL wrote
 * them. The links are small and come from Jackson, so their strings are escaped by it.
 */
final class GeoJsonText {

    private GeoJsonText() {
    }

    /** A FeatureCollection of Part 1: features, numberMatched, numberReturned, timeStamp (RFC 3339) and links. */
    static byte[] collection(List<String> features, long matched, String timeStamp, String linksJson) {
        int size = 160 + linksJson.length();
        for (String f : features) {
            size += f.length() + 1;
        }
        StringBuilder out = new StringBuilder(size).append("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < features.size(); i++) {
            out.append(i == 0 ? "" : ",").append(features.get(i));
        }
        out.append("],\"numberMatched\":").append(matched).append(",\"numberReturned\":").append(features.size())
                .append(",\"timeStamp\":\"").append(timeStamp).append("\",\"links\":").append(linksJson).append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The feature with a {@code links} member added before its closing brace. */
    static byte[] feature(String feature, String linksJson) {
        if (!feature.endsWith("}")) {
            throw new IllegalStateException("not a JSON object: " + feature.substring(0, Math.min(40, feature.length())));
        }
        return (feature.substring(0, feature.length() - 1) + ",\"links\":" + linksJson + "}").getBytes(StandardCharsets.UTF_8);
    }
}
