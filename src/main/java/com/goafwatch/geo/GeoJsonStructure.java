package com.goafwatch.geo;

import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Checks the coordinate structure of a GeoJSON Polygon or MultiPolygon before JTS reads it, so a bad file is told
 * which polygon, ring and position is wrong and how (not an array, a string instead of a number, a number that is not
 * finite, too few positions, a ring that does not close) rather than "could not parse". Positions count from 1.
 */
public final class GeoJsonStructure {

    private GeoJsonStructure() {
    }

    /** The first structural problem of a Polygon or MultiPolygon geometry object, or empty. */
    public static Optional<String> problem(JsonNode geometry) {
        String type = geometry.path("type").asString("");
        JsonNode coordinates = geometry.path("coordinates");
        if (!coordinates.isArray()) {
            return Optional.of("geometry has no \"coordinates\" array");
        }
        if (type.equals("Polygon")) {
            return polygon(coordinates, "");
        }
        for (int p = 0; p < coordinates.size(); p++) {
            if (!coordinates.get(p).isArray()) {
                return Optional.of("polygon " + (p + 1) + " is not an array of rings");
            }
            Optional<String> problem = polygon(coordinates.get(p), "polygon " + (p + 1) + ", ");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return coordinates.isEmpty() ? Optional.of("MultiPolygon has no polygons") : Optional.empty();
    }

    private static Optional<String> polygon(JsonNode rings, String where) {
        if (rings.isEmpty()) {
            return Optional.of(where + "polygon has no rings");
        }
        for (int r = 0; r < rings.size(); r++) {
            String ring = where + "ring " + (r + 1) + (r == 0 ? " (exterior)" : " (hole)");
            JsonNode positions = rings.get(r);
            if (!positions.isArray()) {
                return Optional.of(ring + " is not an array of positions");
            }
            for (int i = 0; i < positions.size(); i++) {
                Optional<String> problem = position(positions.get(i), ring + ", position " + (i + 1));
                if (problem.isPresent()) {
                    return problem;
                }
            }
            if (positions.size() < 4) {
                return Optional.of(ring + " has " + positions.size() + " positions; a ring needs at least 4 (the first repeated last)");
            }
            JsonNode first = positions.get(0);
            JsonNode last = positions.get(positions.size() - 1);
            if (first.get(0).asDouble() != last.get(0).asDouble() || first.get(1).asDouble() != last.get(1).asDouble()) {
                return Optional.of(String.format(Locale.ROOT, "%s is not closed: it starts at (%s %s) and ends at (%s %s)", ring,
                        first.get(0).asDouble(), first.get(1).asDouble(), last.get(0).asDouble(), last.get(1).asDouble()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> position(JsonNode position, String where) {
        if (!position.isArray() || position.size() < 2 || position.size() > 3) {
            return Optional.of(where + " must be an array of 2 or 3 numbers; got " + excerpt(position));
        }
        for (int c = 0; c < position.size(); c++) {
            JsonNode value = position.get(c);
            String axis = c == 0 ? "x" : c == 1 ? "y" : "z";
            if (!value.isNumber()) {
                return Optional.of(where + ": " + axis + " is " + (value.isString() ? "a string" : value.getNodeType().toString()
                        .toLowerCase(Locale.ROOT)) + " (" + excerpt(value) + "), not a number");
            }
            if (!Double.isFinite(value.asDouble())) {
                return Optional.of(where + ": " + axis + " is out of range (not a finite number)");
            }
        }
        return Optional.empty();
    }

    private static String excerpt(JsonNode node) {
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
