package com.goafwatch.timeseries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the bare (unquoted) identifiers in an InfluxQL statement, independently of the code that writes
 * the statements: quoted identifiers, string literals, regular expressions, numbers and durations are
 * removed, function names are recognised by the parenthesis that follows, and every other word must be a
 * keyword of the language. {@code time} counts as a keyword (InfluxQL's own time column).
 */
final class InfluxQlLint {

    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "as", "group", "by", "order", "asc",
            "desc", "limit", "offset", "slimit", "soffset", "fill", "none", "null", "previous", "linear", "time", "tz", "create",
            "database", "retention", "policy", "on", "duration", "replication", "default", "inf", "show", "policies", "true", "false");
    private static final Pattern QUOTED = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern REGEX = Pattern.compile("([=!]~\\s*)/(?:\\\\.|[^/\\\\])*/");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_])-?\\d+(?:\\.\\d+)?(?:ns|u|µ|ms|s|m|h|d|w)?(?![A-Za-z_])");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\s*\\()?");

    private InfluxQlLint() {
    }

    static List<String> bareIdentifiers(String statement) {
        String s = QUOTED.matcher(statement).replaceAll(" ");
        s = REGEX.matcher(s).replaceAll("$1 ");
        s = NUMBER.matcher(s).replaceAll(" ");
        List<String> bare = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            boolean function = m.group(1) != null;
            String word = m.group().replace("(", "").strip();
            if (!function && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                bare.add(word);
            }
        }
        return bare;
    }
}
