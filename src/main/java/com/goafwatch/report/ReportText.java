package com.goafwatch.report;

import java.util.Map;

import com.goafwatch.i18n.MessageCatalogue;

/** The report's words in Chinese and English, from the one message catalogue ({@link MessageCatalogue}). */
final class ReportText {

    private static final MessageCatalogue CATALOGUE = MessageCatalogue.shared();

    /** Every key's {Chinese, English} (for the test that a Chinese report carries no English word of the catalogue). */
    static Map<String, String[]> catalogue() {
        Map<String, String[]> m = new java.util.TreeMap<>();
        CATALOGUE.all("en").forEach((k, en) -> m.put(k, new String[] {CATALOGUE.all("zh").get(k), en}));
        return m;
    }

    private final int index;
    private final String language;
    private final java.time.ZoneId zone;
    private final java.time.format.DateTimeFormatter day;
    private final java.time.format.DateTimeFormatter minute;

    /** Words only (no times to write): the zone is UTC. */
    ReportText(String language) {
        this(language, java.time.ZoneOffset.UTC);
    }

    /** Words of {@code language}; dates and times in {@code zone}, the site's (yyyy-MM-dd, no month names in any language). */
    ReportText(String language, java.time.ZoneId zone) {
        this.index = "zh".equals(language) ? 0 : 1;
        this.language = index == 0 ? "zh" : "en";
        this.zone = zone;
        this.day = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
        this.minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** The report's words and its site's zone. */
    static ReportText of(ReportContent.Meta meta) {
        return new ReportText(meta.language(), java.time.ZoneId.of(meta.timeZone()));
    }

    java.time.ZoneId zone() {
        return zone;
    }

    /** The site's day of an instant. */
    String day(java.time.Instant at) {
        return day.format(at);
    }

    /** The site's minute of an instant. */
    String minute(java.time.Instant at) {
        return minute.format(at);
    }

    String get(String key) {
        return CATALOGUE.get(language, key);
    }

    String format(String key, Object... args) {
        return String.format(get(key), args);
    }

    /** Why a QA test passed or failed, in this language (the judge's English sentence for English reports). */
    String qaReason(com.goafwatch.acceptance.QaResult q, com.goafwatch.acceptance.AcceptanceCriteria c) {
        if (index == 1 || q.reason() == null) {
            return q.reason();
        }
        java.util.Locale l = java.util.Locale.ROOT;
        return switch (q.type()) {
            case "check_hole" -> q.neighbourMeanTakeM3() == null || q.neighbourMeanTakeM3() <= 0 ? get("qa.noNeighbours")
                    : String.format(l, get("qa.checkHole"), get(q.fluidLoss()), get(c.maxFluidLoss()), q.reinjectionM3(),
                            q.neighbourMeanTakeM3(), q.reinjectionM3() / q.neighbourMeanTakeM3() * 100, c.maxReinjectionShare() * 100);
            case "core_strength" -> String.format(l, get("qa.core"), q.coreStrengthMpa(), c.minCoreStrengthMpa());
            case "wave_velocity" -> String.format(l, get("qa.wave"), q.waveVelocityMs(), c.minWaveVelocityMs());
            case "borehole_tv" -> Boolean.TRUE.equals(q.defectFound()) ? String.format(l, get("qa.defect"), q.notes() == null ? "" : q.notes())
                    : get("qa.noDefect");
            default -> q.reason();
        };
    }

    /**
     * A value with its unit as a reader writes it: integers without decimals, at most three decimals otherwise, a share
     * as a percentage, strain in µε (the rules store "ue"), counts and days in words of this language.
     */
    String quantity(Double value, String unit) {
        if (value == null) {
            return "–";
        }
        String u = unit == null ? "" : unit;
        return switch (u) {
            case "share" -> number(value * 100) + " %";
            case "ue", "ue/d", "1/km" -> number(value) + " " + get("unit." + u);
            case "alerts", "d" -> number(value) + " " + get("unit." + u);
            case "m³/mu" -> number(value) + " " + get("unit.m³/mu");
            case "" -> number(value);
            default -> number(value) + " " + u;
        };
    }

    /** A warning level in this language (blue < yellow < orange < red). */
    String level(String level) {
        return level == null ? "" : get("level." + level);
    }

    /** Integers as integers; otherwise up to three decimals without trailing zeros. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A criterion's detail in this language (the English detail when the message is unknown). */
    String detail(com.goafwatch.acceptance.CriterionResult r) {
        if (r.message() == null || !CATALOGUE.contains(r.message())) {
            return r.detail();
        }
        return String.format(java.util.Locale.ROOT, get(r.message()), r.args().toArray());
    }
}
