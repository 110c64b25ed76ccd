package com.goafwatch.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.goafwatch.system.ApiException;

/** Checks a channel and fills defaults; every problem names its field. */
final class ChannelValidator {

    static final Set<String> LEVELS = Set.of("blue", "yellow", "orange", "red");
    static final Set<String> EVENTS = Set.of("raised", "escalated", "lowered", "acknowledged", "cleared");

    private ChannelValidator() {
    }

    static ChannelRequest validate(ChannelRequest r) {
        List<String> errors = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("invalid-body", "give a JSON object");
        }
        String name = r.name() == null ? "" : r.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name: required, at most 200 characters");
        }
        String kind = r.kind();
        String url = r.url() == null ? null : r.url().trim();
        MessengerKind messenger = MessengerKind.of(kind);
        if (!"webhook".equals(kind) && !"mqtt".equals(kind) && messenger == null) {
            errors.add("kind: must be webhook, mqtt, dingtalk, wecom or feishu");
        } else {
            URI uri = null;
            try {
                uri = url == null ? null : URI.create(url);
            } catch (IllegalArgumentException e) {
                errors.add("url: not a URI (" + e.getMessage() + ")");
            }
            if (uri != null) {
                Set<String> schemes = kind.equals("mqtt") ? Set.of("tcp", "ssl") : Set.of("http", "https");
                if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
                    errors.add("url: " + kind + " needs " + String.join(" or ", schemes) + "://host…");
                }
            } else if (url == null) {
                errors.add("url: required");
            }
            if (messenger != null && url != null && !messenger.carriesCredential(url)) {
                errors.add("url: a " + kind + " robot URL carries its credential, like " + messenger.credentialDescription());
            }
            if (messenger == MessengerKind.WECOM && r.secret() != null && !r.secret().isEmpty()) {
                errors.add("secret: WeCom group robots do not sign requests; the key in the URL is their credential");
            }
            if (kind.equals("mqtt") && (r.topic() == null || !r.topic().matches("[A-Za-z0-9_./-]{1,200}") || r.topic().contains("//"))) {
                errors.add("topic: required for mqtt; letters, digits, _ . / - only (no wildcards)");
            }
        }
        String minLevel = r.minLevel() == null ? "blue" : r.minLevel();
        if (!LEVELS.contains(minLevel)) {
            errors.add("minLevel: must be blue, yellow, orange or red");
        }
        List<String> events = r.events() == null ? List.of("raised", "escalated", "cleared") : r.events();
        if (events.isEmpty() || !EVENTS.containsAll(events)) {
            errors.add("events: a non-empty list of " + String.join(", ", EVENTS.stream().sorted().toList()));
        }
        if (r.secret() != null && r.secret().length() > 500) {
            errors.add("secret: at most 500 characters");
        }
        String language = r.language() == null ? "zh" : r.language();
        if (!language.equals("zh") && !language.equals("en")) {
            errors.add("language: must be zh or en");
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-channel", "Invalid notification channel", String.join("; ", errors))
                    .with("errors", errors);
        }
        // WeCom robots have no secret: "" removes any stored one (a kind change keeps nothing that cannot sign)
        String secret = messenger == MessengerKind.WECOM ? "" : r.secret();
        return new ChannelRequest(name, kind, url, "mqtt".equals(kind) ? r.topic() : null, secret, minLevel, r.phaseId(),
                List.copyOf(events), r.includeNoData() == null || r.includeNoData(), r.enabled() == null || r.enabled(), language);
    }
}
