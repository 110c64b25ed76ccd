package com.goafwatch.ogc;

/**
 * One feature property: its name in the output, the SQL producing it, its JSON Schema type (for the
 * queryables) and whether {@code ?name=value} filters on it.
 */
record OgcProperty(String name, String sql, String type, boolean filterable) {

    static OgcProperty filterable(String name, String sql, String type) {
        return new OgcProperty(name, sql, type, true);
    }

    static OgcProperty plain(String name, String sql, String type) {
        return new OgcProperty(name, sql, type, false);
    }
}
