package com.goafwatch.notify;

import java.util.Locale;
import java.util.regex.Pattern;

/** The group-robot messengers: what their webhook URL must carry, and how it is masked for display. */
enum MessengerKind {
    DINGTALK("access_token="), WECOM("key="), FEISHU("/hook/");

    private static final Pattern CREDENTIAL = Pattern.compile("((?:access_token|key|sign|timestamp)=)[^&#]+|(/hook/)[^/?#]+");

    private final String credentialMarker;

    MessengerKind(String credentialMarker) {
        this.credentialMarker = credentialMarker;
    }

    String kind() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the messenger of a channel kind, or null for webhook and MQTT */
    static MessengerKind of(String kind) {
        for (MessengerKind k : values()) {
            if (k.kind().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    /** Where the robot's credential sits in its URL: {@code access_token=…} (DingTalk), {@code key=…} (WeCom), {@code /hook/…} (Feishu). */
    boolean carriesCredential(String url) {
        return url.contains(credentialMarker);
    }

    String credentialDescription() {
        return switch (this) {
            case DINGTALK -> "https://oapi.dingtalk.com/robot/send?access_token=…";
            case WECOM -> "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…";
            case FEISHU -> "https://open.feishu.cn/open-apis/bot/v2/hook/…";
        };
    }

    static String mask(String url) {
        return url == null ? null : CREDENTIAL.matcher(url).replaceAll(m -> java.util.regex.Matcher.quoteReplacement((m.group(1) != null ? m.group(1) : m.group(2)) + "****"));
    }
}
