package com.goafwatch.cql2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.goafwatch.cql2.Cql2.Expression;
import com.goafwatch.cql2.Cql2.Scalar;

/**
 * Recursive-descent parser of CQL2 text (OGC 21-065 BNF, the subset of Basic CQL2, advanced comparison operators and
 * S_INTERSECTS with POINT, LINESTRING, POLYGON and BBOX literals). Keywords are case-insensitive; identifiers may be
 * double-quoted. Precedence: NOT over AND over OR, parentheses first.
 */
public final class Cql2Parser {

    /** Bounds the work a request can cause: longer filters are refused before parsing. */
    public static final int MAX_LENGTH = 8192;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE");

    private enum Kind { WORD, QUOTED_WORD, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int position) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword) || kind == Kind.SYMBOL && text.equals(keyword);
        }
    }

    private final List<Token> tokens;
    private int next;
    private int depth;

    private Cql2Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Cql2SyntaxException("the filter is empty", 1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new Cql2SyntaxException("the filter is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        Cql2Parser parser = new Cql2Parser(lex(text));
        Expression e = parser.orExpression();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new Cql2SyntaxException("unexpected '" + rest.text() + "'", rest.position());
        }
        return e;
    }

    private Expression orExpression() {
        if (++depth > MAX_DEPTH) {
            throw new Cql2SyntaxException("the filter nests deeper than " + MAX_DEPTH + " levels", peek().position());
        }
        List<Expression> terms = new ArrayList<>(List.of(andExpression()));
        while (peek().is("OR")) {
            next++;
            terms.add(andExpression());
        }
        depth--;
        return terms.size() == 1 ? terms.get(0) : new Cql2.Or(terms);
    }

    private Expression andExpression() {
        List<Expression> terms = new ArrayList<>(List.of(notExpression()));
        while (peek().is("AND")) {
            next++;
            terms.add(notExpression());
        }
        return terms.size() == 1 ? terms.get(0) : new Cql2.And(terms);
    }

    private Expression notExpression() {
        if (peek().is("NOT")) {
            next++;
            return new Cql2.Not(notExpression());
        }
        return primary();
    }

    private Expression primary() {
        Token t = peek();
        if (t.is("(")) {
            next++;
            Expression inner = orExpression();
            expect(")");
            return inner;
        }
        if (t.kind() == Kind.WORD && t.text().equalsIgnoreCase("S_INTERSECTS")) {
            next++;
            expect("(");
            Token first = peek();
            Scalar property = scalar();
            if (!(property instanceof Cql2.Property p)) {
                throw new Cql2SyntaxException("S_INTERSECTS takes a geometry property first", first.position());
            }
            expect(",");
            Cql2.Geometry geometry = geometry();
            expect(")");
            return new Cql2.Intersects(p, geometry);
        }
        Scalar left = scalar();
        Token op = peek();
        if (op.kind() == Kind.SYMBOL && COMPARISONS.contains(op.text())) {
            next++;
            return new Cql2.Comparison(left, op.text(), scalar());
        }
        boolean negated = false;
        if (op.is("NOT")) {
            next++;
            negated = true;
            op = peek();
        }
        if (op.is("LIKE")) {
            next++;
            Token pattern = take();
            if (pattern.kind() != Kind.STRING) {
                throw new Cql2SyntaxException("LIKE takes a string pattern, got '" + pattern.text() + "'", pattern.position());
            }
            return new Cql2.Like(left, new Cql2.Text(pattern.text()), negated);
        }
        if (op.is("IN")) {
            next++;
            expect("(");
            List<Scalar> list = new ArrayList<>(List.of(literal()));
            while (peek().is(",")) {
                next++;
                list.add(literal());
            }
            expect(")");
            return new Cql2.In(left, list, negated);
        }
        if (op.is("BETWEEN")) {
            next++;
            Scalar low = scalar();
            expect("AND");
            return new Cql2.Between(left, low, scalar(), negated);
        }
        if (!negated && op.is("IS")) {
            next++;
            boolean not = false;
            if (peek().is("NOT")) {
                next++;
                not = true;
            }
            expect("NULL");
            return new Cql2.IsNull(left, not);
        }
        if (!negated && left instanceof Cql2.BooleanLiteral b) {
            return b;
        }
        throw new Cql2SyntaxException("expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL) after "
                + describe(left) + ", got " + (op.kind() == Kind.END ? "the end" : "'" + op.text() + "'"), op.position());
    }

    private Scalar scalar() {
        Token t = peek();
        if (t.kind() == Kind.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT)) || t.kind() == Kind.QUOTED_WORD) {
            next++;
            return new Cql2.Property(t.text(), t.position());
        }
        return literal();
    }

    private Scalar literal() {
        Token t = take();
        return switch (t.kind()) {
            case STRING -> new Cql2.Text(t.text());
            case NUMBER -> new Cql2.Number(new BigDecimal(t.text()));
            case WORD -> {
                if (t.text().equalsIgnoreCase("TRUE") || t.text().equalsIgnoreCase("FALSE")) {
                    yield new Cql2.BooleanLiteral(t.text().equalsIgnoreCase("TRUE"));
                }
                throw new Cql2SyntaxException("expected a value, got '" + t.text() + "'", t.position());
            }
            case END -> throw new Cql2SyntaxException("the filter ends where a value was expected", t.position());
            default -> throw new Cql2SyntaxException("expected a value, got '" + t.text() + "'", t.position());
        };
    }

    private Cql2.Geometry geometry() {
        Token t = take();
        String kind = t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
        switch (kind) {
            case "POINT": {
                expect("(");
                double[] p = coordinate();
                expect(")");
                return new Cql2.Point(p[0], p[1]);
            }
            case "LINESTRING":
                return new Cql2.LineString(points(2, t));
            case "POLYGON": {
                expect("(");
                List<List<double[]>> rings = new ArrayList<>(List.of(ring(t)));
                while (peek().is(",")) {
                    next++;
                    rings.add(ring(t));
                }
                expect(")");
                return new Cql2.Polygon(rings);
            }
            case "BBOX": {
                expect("(");
                List<Double> n = new ArrayList<>(List.of(number()));
                while (peek().is(",")) {
                    next++;
                    n.add(number());
                }
                Token close = expect(")");
                if (n.size() != 4 && n.size() != 6) {
                    throw new Cql2SyntaxException("BBOX takes 4 or 6 numbers, got " + n.size(), close.position());
                }
                return n.size() == 4 ? new Cql2.BBox(n.get(0), n.get(1), n.get(2), n.get(3))
                        : new Cql2.BBox(n.get(0), n.get(1), n.get(3), n.get(4));
            }
            default:
                throw new Cql2SyntaxException("expected a geometry literal (POINT, LINESTRING, POLYGON or BBOX), got '" + t.text() + "'",
                        t.position());
        }
    }

    private List<double[]> ring(Token polygon) {
        List<double[]> ring = points(4, polygon);
        double[] first = ring.get(0);
        double[] last = ring.get(ring.size() - 1);
        if (first[0] != last[0] || first[1] != last[1]) {
            throw new Cql2SyntaxException("a POLYGON ring must end where it starts", polygon.position());
        }
        return ring;
    }

    private List<double[]> points(int min, Token owner) {
        expect("(");
        List<double[]> points = new ArrayList<>(List.of(coordinate()));
        while (peek().is(",")) {
            next++;
            points.add(coordinate());
        }
        Token close = expect(")");
        if (points.size() < min) {
            throw new Cql2SyntaxException(owner.text().toUpperCase(Locale.ROOT) + " needs at least " + min + " points", close.position());
        }
        return points;
    }

    private double[] coordinate() {
        double x = number();
        double y = number();
        if (peek().kind() == Kind.NUMBER) {
            number(); // a height: the collections are 2-D
        }
        return new double[] {x, y};
    }

    private double number() {
        Token t = take();
        if (t.kind() != Kind.NUMBER) {
            throw new Cql2SyntaxException("expected a number, got " + (t.kind() == Kind.END ? "the end" : "'" + t.text() + "'"), t.position());
        }
        double d = Double.parseDouble(t.text());
        if (!Double.isFinite(d)) {
            throw new Cql2SyntaxException("number out of range '" + t.text() + "'", t.position());
        }
        return d;
    }

    private Token expect(String symbol) {
        Token t = take();
        if (!t.is(symbol)) {
            throw new Cql2SyntaxException("expected '" + symbol + "', got " + (t.kind() == Kind.END ? "the end" : "'" + t.text() + "'"),
                    t.position());
        }
        return t;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    private static String describe(Scalar s) {
        if (s instanceof Cql2.Property p) {
            return "property " + p.name();
        }
        if (s instanceof Cql2.Text t) {
            return "'" + t.value() + "'";
        }
        if (s instanceof Cql2.Number n) {
            return n.value().toPlainString();
        }
        return Boolean.toString(((Cql2.BooleanLiteral) s).value());
    }

    private static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new Cql2SyntaxException("unterminated string", start + 1);
                    }
                    char d = s.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, value.toString(), start + 1));
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new Cql2SyntaxException("unterminated quoted identifier", start + 1);
                }
                tokens.add(new Token(Kind.QUOTED_WORD, s.substring(i + 1, end), start + 1));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' || c == '+' || c == '.') && i + 1 < s.length()
                    && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.')) {
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < s.length() && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
                        e++;
                    }
                    if (e < s.length() && Character.isDigit(s.charAt(e))) {
                        i = e;
                        while (i < s.length() && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                }
                String text = s.substring(start, i);
                try {
                    new BigDecimal(text);
                } catch (NumberFormatException ex) {
                    throw new Cql2SyntaxException("malformed number '" + text + "'", start + 1);
                }
                tokens.add(new Token(Kind.NUMBER, text, start + 1));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.'
                        || s.charAt(i) == ':')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, s.substring(start, i), start + 1));
            } else if (c == '<' || c == '>') {
                i++;
                if (i < s.length() && (s.charAt(i) == '=' || c == '<' && s.charAt(i) == '>')) {
                    i++;
                }
                tokens.add(new Token(Kind.SYMBOL, s.substring(start, i), start + 1));
            } else if (c == '=' || c == '(' || c == ')' || c == ',') {
                i++;
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start + 1));
            } else {
                throw new Cql2SyntaxException("unexpected character '" + c + "'", start + 1);
            }
        }
        tokens.add(new Token(Kind.END, "", s.length() + 1));
        return tokens;
    }
}
