package com.goafwatch.ogc;

import java.util.List;
import java.util.stream.Collectors;

import com.goafwatch.cql2.Cql2;
import com.goafwatch.cql2.Cql2.Expression;
import com.goafwatch.cql2.Cql2.Scalar;
import com.goafwatch.system.ApiException;

/**
 * Translates a CQL2 tree into a WHERE clause of {@link OgcFeatureRepository}: property names only through the
 * collection's queryables (their SQL comes from {@link OgcCollection}, never from the request), every literal a bound
 * parameter, geometry literals rebuilt from their parsed numbers and bound as well-known text in CRS84.
 */
final class OgcFilterSql {

    /** The queryable naming the collection's geometry. */
    static final String GEOMETRY = "geometry";

    private final OgcCollection collection;
    private final List<Object> params;

    private OgcFilterSql(OgcCollection collection, List<Object> params) {
        this.collection = collection;
        this.params = params;
    }

    static String where(OgcCollection collection, Expression filter, List<Object> params) {
        return new OgcFilterSql(collection, params).sql(filter);
    }

    /** Checks every property of the tree against the queryables before any SQL is run (a 400 naming the first unknown one). */
    static void check(OgcCollection collection, Expression filter) {
        where(collection, filter, new java.util.ArrayList<>());
    }

    private String sql(Expression e) {
        if (e instanceof Cql2.And a) {
            return "(" + a.terms().stream().map(this::sql).collect(Collectors.joining(" AND ")) + ")";
        }
        if (e instanceof Cql2.Or o) {
            return "(" + o.terms().stream().map(this::sql).collect(Collectors.joining(" OR ")) + ")";
        }
        if (e instanceof Cql2.Not n) {
            return "(NOT " + sql(n.term()) + ")";
        }
        if (e instanceof Cql2.BooleanLiteral b) {
            return b.value() ? "true" : "false";
        }
        if (e instanceof Cql2.Comparison c) {
            String type = type(c.left(), c.right());
            return "(" + operand(c.left(), type) + " " + c.op() + " " + operand(c.right(), type) + ")";
        }
        if (e instanceof Cql2.Like l) {
            return "(" + operand(l.value(), "string") + (l.negated() ? " NOT" : "") + " LIKE " + operand(l.pattern(), "string") + ")";
        }
        if (e instanceof Cql2.In in) {
            String type = type(in.value(), in.list().toArray(Scalar[]::new));
            return "(" + operand(in.value(), type) + (in.negated() ? " NOT" : "") + " IN ("
                    + in.list().stream().map(s -> operand(s, type)).collect(Collectors.joining(", ")) + "))";
        }
        if (e instanceof Cql2.Between b) {
            String type = type(b.value(), b.low(), b.high());
            return "(" + operand(b.value(), type) + (b.negated() ? " NOT" : "") + " BETWEEN " + operand(b.low(), type) + " AND "
                    + operand(b.high(), type) + ")";
        }
        if (e instanceof Cql2.IsNull n) {
            return "(" + operand(n.value(), type(n.value())) + (n.negated() ? " IS NOT NULL" : " IS NULL") + ")";
        }
        Cql2.Intersects s = (Cql2.Intersects) e;
        if (!s.property().name().equals(GEOMETRY)) {
            queryable(s.property()); // an unknown name is named as such
            throw bad("S_INTERSECTS takes the geometry property '" + GEOMETRY + "', got '" + s.property().name() + "' at position "
                    + s.property().position());
        }
        params.add(s.geometry().wkt());
        return "ST_Intersects(" + collection.geometry() + ", ST_Transform(ST_GeomFromText(?, 4326), 4490))";
    }

    /** The comparison type of operands: that of the property among them, checked against every literal. */
    private String type(Scalar first, Scalar... others) {
        String type = null;
        for (Scalar s : concat(first, others)) {
            if (s instanceof Cql2.Property p) {
                String t = kind(queryable(p).type());
                if (type != null && !type.equals(t)) {
                    throw bad("properties of different types compared at position " + p.position());
                }
                type = t;
            }
        }
        if (type == null) {
            type = literalKind(first);
        }
        for (Scalar s : concat(first, others)) {
            if (!(s instanceof Cql2.Property) && !literalKind(s).equals(type)) {
                throw bad("a " + literalKind(s) + " value " + shown(s) + " is compared with a " + type + " property");
            }
        }
        return type;
    }

    private static List<Scalar> concat(Scalar first, Scalar... others) {
        List<Scalar> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(others));
        return all;
    }

    private String operand(Scalar s, String type) {
        if (s instanceof Cql2.Property p) {
            String sql = queryable(p).sql();
            return switch (type) {
                case "number" -> "(" + sql + ")::numeric";
                case "boolean" -> "(" + sql + ")::boolean";
                default -> "(" + sql + ")::text";
            };
        }
        params.add(s instanceof Cql2.Text t ? t.value() : s instanceof Cql2.Number n ? n.value() : ((Cql2.BooleanLiteral) s).value());
        return switch (type) {
            case "number" -> "?::numeric";
            case "boolean" -> "?::boolean";
            default -> "?::text";
        };
    }

    private OgcProperty queryable(Cql2.Property p) {
        return collection.queryable(p.name()).orElseThrow(() -> bad("unknown property '" + p.name() + "' at position " + p.position()
                + " in the filter; queryables of " + collection.id() + ": " + collection.queryables().stream().map(OgcProperty::name).toList()
                + " and " + GEOMETRY));
    }

    private static String kind(String jsonType) {
        return jsonType.equals("integer") || jsonType.equals("number") ? "number" : jsonType.equals("boolean") ? "boolean" : "string";
    }

    private static String literalKind(Scalar s) {
        return s instanceof Cql2.Text ? "string" : s instanceof Cql2.Number ? "number" : s instanceof Cql2.BooleanLiteral ? "boolean" : "property";
    }

    private static String shown(Scalar s) {
        if (s instanceof Cql2.Text t) {
            return "'" + t.value() + "'";
        }
        if (s instanceof Cql2.Number n) {
            return n.value().toPlainString();
        }
        return s instanceof Cql2.BooleanLiteral b ? Boolean.toString(b.value()) : ((Cql2.Property) s).name();
    }

    static ApiException bad(String detail) {
        return ApiException.badRequest("invalid-filter", detail);
    }
}
