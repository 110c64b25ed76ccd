package com.goafwatch.cql2;

import java.math.BigDecimal;
import java.util.List;

/** The syntax tree of a CQL2 text filter. Positions are 1-based character offsets into the filter text. */
public final class Cql2 {

    private Cql2() {
    }

    /** A boolean-valued node. */
    public sealed interface Expression permits And, Or, Not, Comparison, Like, In, Between, IsNull, Intersects, BooleanLiteral {
    }

    /** A property, a string, number or boolean: what comparisons compare. */
    public sealed interface Scalar permits Property, Text, Number, BooleanLiteral {
    }

    public record And(List<Expression> terms) implements Expression {
    }

    public record Or(List<Expression> terms) implements Expression {
    }

    public record Not(Expression term) implements Expression {
    }

    /** {@code op} is one of = &lt;&gt; &lt; &lt;= &gt; &gt;=. */
    public record Comparison(Scalar left, String op, Scalar right) implements Expression {
    }

    /** {@code pattern} uses % and _ as wildcards, backslash as escape (CQL2 and SQL alike). */
    public record Like(Scalar value, Text pattern, boolean negated) implements Expression {
    }

    public record In(Scalar value, List<Scalar> list, boolean negated) implements Expression {
    }

    public record Between(Scalar value, Scalar low, Scalar high, boolean negated) implements Expression {
    }

    public record IsNull(Scalar value, boolean negated) implements Expression {
    }

    /** S_INTERSECTS of a (geometry) property and a geometry literal. */
    public record Intersects(Property property, Geometry geometry) implements Expression {
    }

    public record Property(String name, int position) implements Scalar {
    }

    public record Text(String value) implements Scalar {
    }

    public record Number(BigDecimal value) implements Scalar {
    }

    public record BooleanLiteral(boolean value) implements Scalar, Expression {
    }

    /** A geometry literal, its coordinates x/y (lon/lat in CRS84). */
    public sealed interface Geometry permits Point, LineString, Polygon, BBox {
        /** Well-known text rebuilt from the parsed numbers (never the caller's text). */
        String wkt();
    }

    public record Point(double x, double y) implements Geometry {
        @Override
        public String wkt() {
            return "POINT(" + coordinate(x, y) + ")";
        }
    }

    public record LineString(List<double[]> points) implements Geometry {
        @Override
        public String wkt() {
            return "LINESTRING" + ring(points);
        }
    }

    public record Polygon(List<List<double[]>> rings) implements Geometry {
        @Override
        public String wkt() {
            return "POLYGON(" + String.join(",", rings.stream().map(Cql2::ring).toList()) + ")";
        }
    }

    public record BBox(double minX, double minY, double maxX, double maxY) implements Geometry {
        @Override
        public String wkt() {
            return new Polygon(List.of(List.of(new double[] {minX, minY}, new double[] {maxX, minY}, new double[] {maxX, maxY},
                    new double[] {minX, maxY}, new double[] {minX, minY}))).wkt();
        }
    }

    private static String ring(List<double[]> points) {
        return "(" + String.join(",", points.stream().map(p -> coordinate(p[0], p[1])).toList()) + ")";
    }

    private static String coordinate(double x, double y) {
        return Double.toString(x) + " " + Double.toString(y);
    }
}
