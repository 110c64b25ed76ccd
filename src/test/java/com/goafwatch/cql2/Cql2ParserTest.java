package com.goafwatch.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.goafwatch.cql2.Cql2.Expression;
import com.goafwatch.cql2.Cql2.Scalar;

/** Table tests of the CQL2 text parser: each filter's tree in prefix form, and each bad filter's message and position. */
class Cql2ParserTest {

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("status = 'planned'", "(= status 'planned')"),
                Arguments.of("phase<>2", "(<> phase 2)"),
                Arguments.of("areaMu >= 5.25 AND areaMu < 1e2", "(and (>= areaMu 5.25) (< areaMu 1E+2))"),
                Arguments.of("a <= -3 or b > +4", "(or (<= a -3) (> b 4))"),
                // NOT over AND over OR
                Arguments.of("a = 1 OR b = 2 AND NOT c = 3", "(or (= a 1) (and (= b 2) (not (= c 3))))"),
                Arguments.of("(a = 1 OR b = 2) AND c = 3", "(and (or (= a 1) (= b 2)) (= c 3))"),
                Arguments.of("NOT (a = 1)", "(not (= a 1))"),
                Arguments.of("code LIKE 'G-%'", "(like code 'G-%')"),
                Arguments.of("code not like 'G\\_%'", "(not-like code 'G\\_%')"),
                Arguments.of("flagLevel IN ('red', 'orange')", "(in flagLevel 'red' 'orange')"),
                Arguments.of("phase NOT IN (1,2)", "(not-in phase 1 2)"),
                Arguments.of("areaMu BETWEEN 1 AND 10", "(between areaMu 1 10)"),
                Arguments.of("unit IS NULL and parcel is not null", "(and (null unit) (not-null parcel))"),
                Arguments.of("\"flagLevel\" = 'it''s'", "(= flagLevel 'it's')"),
                Arguments.of("TRUE", "true"),
                Arguments.of("S_INTERSECTS(geometry, POINT(116.5 34.9))", "(intersects geometry POINT(116.5 34.9))"),
                Arguments.of("s_intersects(geometry, BBOX(116, 34, 117, 35))",
                        "(intersects geometry POLYGON((116.0 34.0,117.0 34.0,117.0 35.0,116.0 35.0,116.0 34.0)))"),
                Arguments.of("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))",
                        "(intersects geometry POLYGON((0.0 0.0,1.0 0.0,1.0 1.0,0.0 0.0)))"),
                Arguments.of("S_INTERSECTS(geometry, LINESTRING(0 0 5, 1 1 6))", "(intersects geometry LINESTRING(0.0 0.0,1.0 1.0))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void parses(String filter, String tree) {
        assertThat(render(Cql2Parser.parse(filter))).isEqualTo(tree);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("", "empty", 1),
                Arguments.of("status = ", "ends where a value was expected", 10),
                Arguments.of("status = 'planned", "unterminated string", 10),
                Arguments.of("status == 'x'", "expected a value, got '='", 9),
                Arguments.of("(a = 1", "expected ')', got the end", 7),
                Arguments.of("a = 1 b = 2", "unexpected 'b'", 7),
                Arguments.of("a = 1; DROP TABLE parcel", "unexpected character ';'", 6),
                Arguments.of("code LIKE code", "LIKE takes a string pattern", 11),
                Arguments.of("a IN ()", "expected a value, got ')'", 7),
                Arguments.of("code", "expected a comparison", 5),
                Arguments.of("S_INTERSECTS(geometry, CIRCLE(1 2))", "expected a geometry literal", 24),
                Arguments.of("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))", "must end where it starts", 24),
                Arguments.of("S_INTERSECTS(geometry, BBOX(1, 2, 3))", "BBOX takes 4 or 6 numbers", 36),
                Arguments.of("a = 1 AND", "ends where a value was expected", 10),
                Arguments.of("S_INTERSECTS(geometry, POINT(1e999 0))", "number out of range", 30),
                Arguments.of("(".repeat(100) + "a = 1" + ")".repeat(100), "nests deeper than 64", 65));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refuses(String filter, String message, int position) {
        assertThatThrownBy(() -> Cql2Parser.parse(filter)).isInstanceOfSatisfying(Cql2SyntaxException.class, e -> {
            assertThat(e.getMessage()).contains(message);
            assertThat(e.position()).isEqualTo(position);
        });
    }

    private static String render(Expression e) {
        if (e instanceof Cql2.And a) {
            return "(and " + a.terms().stream().map(Cql2ParserTest::render).collect(Collectors.joining(" ")) + ")";
        }
        if (e instanceof Cql2.Or o) {
            return "(or " + o.terms().stream().map(Cql2ParserTest::render).collect(Collectors.joining(" ")) + ")";
        }
        if (e instanceof Cql2.Not n) {
            return "(not " + render(n.term()) + ")";
        }
        if (e instanceof Cql2.Comparison c) {
            return "(" + c.op() + " " + render(c.left()) + " " + render(c.right()) + ")";
        }
        if (e instanceof Cql2.Like l) {
            return "(" + (l.negated() ? "not-like " : "like ") + render(l.value()) + " " + render(l.pattern()) + ")";
        }
        if (e instanceof Cql2.In in) {
            return "(" + (in.negated() ? "not-in " : "in ") + render(in.value()) + " "
                    + in.list().stream().map(Cql2ParserTest::render).collect(Collectors.joining(" ")) + ")";
        }
        if (e instanceof Cql2.Between b) {
            return "(between " + render(b.value()) + " " + render(b.low()) + " " + render(b.high()) + ")";
        }
        if (e instanceof Cql2.IsNull n) {
            return "(" + (n.negated() ? "not-null " : "null ") + render(n.value()) + ")";
        }
        if (e instanceof Cql2.Intersects s) {
            return "(intersects " + s.property().name() + " " + s.geometry().wkt() + ")";
        }
        return render((Scalar) e);
    }

    private static String render(Scalar s) {
        if (s instanceof Cql2.Property p) {
            return p.name();
        }
        if (s instanceof Cql2.Text t) {
            return "'" + t.value() + "'";
        }
        if (s instanceof Cql2.Number n) {
            return n.value().toString();
        }
        return Boolean.toString(((Cql2.BooleanLiteral) s).value());
    }
}
