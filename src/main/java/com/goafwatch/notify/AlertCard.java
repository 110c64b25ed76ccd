package com.goafwatch.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The text of an alert card for a group chat, in Chinese or English: title, and the lines project, parcel,
 * level, event, rule, value with unit (and threshold), time in site time, and a link to the parcel on the map.
 * Pure: built from the outbox payload and what {@link MessengerContext} looked up.
 */
record AlertCard(String title, List<String[]> lines, String level, String link, String linkText) {

    private static final Map<String, String[]> LEVELS = Map.of("blue", new String[] {"蓝色预警（IV级）", "blue (IV)"},
            "yellow", new String[] {"黄色预警（III级）", "yellow (III)"}, "orange", new String[] {"橙色预警（II级）", "orange (II)"},
            "red", new String[] {"红色预警（I级）", "red (I)"});
    private static final Map<String, String[]> EVENTS = Map.of("raised", new String[] {"触发", "raised"},
            "escalated", new String[] {"升级", "escalated"}, "lowered", new String[] {"降级", "lowered"},
            "acknowledged", new String[] {"已确认", "acknowledged"}, "cleared", new String[] {"解除", "cleared"});
    private static final Map<String, String> UNITS = Map.of("ue", "µε", "mm/m", "mm/m", "mm", "mm", "mm/d", "mm/d", "c", "°C",
            "1/km", "1/km", "ue/d", "µε/d");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the payload does not carry. */
    record Context(String projectCode, String projectName, Instant eventTime, ZoneId zone, String baseUrl) {
    }

    static AlertCard of(JsonNode payload, Context c, boolean chinese) {
        int l = chinese ? 0 : 1;
        JsonNode a = payload.path("alert");
        String event = payload.path("event").asString("");
        String levelKey = a.path("level").isString() ? a.path("level").asString() : null;
        boolean noData = "no_data".equals(a.path("kind").asString(""));
        String level = noData ? (chinese ? "无数据" : "no data") : levelKey == null ? "–" : LEVELS.getOrDefault(levelKey, new String[] {levelKey,
                levelKey})[l];
        String eventText = EVENTS.getOrDefault(event, new String[] {event, event})[l];
        // free text (names, codes, comments) cannot add markup to the card
        String parcel = escape(a.path("parcel").asString(""));
        String projectName = escape(c.projectName());
        String title = chinese ? "【" + level + "】" + projectName + " · 地块 " + parcel + " · " + eventText
                : "[" + level + "] " + projectName + " · parcel " + parcel + " · " + eventText;
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {chinese ? "项目" : "Project", projectName + " (" + escape(c.projectCode()) + ")"});
        lines.add(new String[] {chinese ? "地块" : "Parcel", parcel});
        lines.add(new String[] {chinese ? "级别" : "Level", level});
        lines.add(new String[] {chinese ? "事件" : "Event", eventText});
        lines.add(new String[] {chinese ? "规则" : "Rule", escape(a.path("rule").asString("")) + " (" + a.path("metric").asString("") + ")"});
        if (!noData) {
            String unit = unit(a.path("unit").asString(""));
            String value = number(a.path("value")) + " " + unit;
            if (a.path("threshold").isNumber()) {
                value += chinese ? "（阈值 " + number(a.path("threshold")) + " " + unit + "）" : " (threshold " + number(a.path("threshold")) + " "
                        + unit + ")";
            }
            lines.add(new String[] {chinese ? "数值" : "Value", value.strip()});
        }
        String offset = c.zone().getRules().getOffset(c.eventTime()).getId().replace("Z", "+00:00");
        lines.add(new String[] {chinese ? "时间" : "Time", TIME.format(c.eventTime().atZone(c.zone())) + " (" + c.zone().getId() + ", UTC"
                + offset + ")"});
        if (payload.path("comment").isString() && !payload.path("comment").asString().isBlank()) {
            lines.add(new String[] {chinese ? "备注" : "Comment", escape(payload.path("comment").asString())});
        }
        String link = c.baseUrl() == null ? null : c.baseUrl().replaceAll("/+$", "") + "/?project=" + a.path("projectId").asLong() + "&parcel="
                + a.path("parcelId").asLong();
        return new AlertCard(title, lines, noData ? "no_data" : levelKey, link, chinese ? "在地图上查看地块" : "Open the parcel on the map");
    }

    /** Markdown as DingTalk and WeCom render it: a bold title, one line per field, the link. */
    String markdown() {
        StringBuilder b = new StringBuilder("**").append(title).append("**\n\n");
        for (String[] line : lines) {
            b.append("- **").append(line[0]).append("**: ").append(line[1]).append('\n');
        }
        if (link != null) {
            b.append("\n[").append(linkText).append("](").append(link).append(")\n");
        }
        return b.toString();
    }

    private static String unit(String unit) {
        return UNITS.getOrDefault(unit.toLowerCase(Locale.ROOT), unit);
    }

    private static String number(JsonNode n) {
        if (!n.isNumber()) {
            return "–";
        }
        double v = n.asDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }

    /**
     * Markdown control characters in free text (names, comments) become their full-width forms, so a name cannot
     * add links, emphasis or HTML to the card (the robots' markdown has no reliable backslash escape).
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            b.append(switch (ch) {
                case '[' -> '［';
                case ']' -> '］';
                case '*' -> '＊';
                case '#' -> '＃';
                case '<' -> '＜';
                case '>' -> '＞';
                case '`' -> '｀';
                case '|' -> '｜';
                case '\n', '\r' -> ' ';
                default -> ch;
            });
        }
        return b.toString();
    }
}
