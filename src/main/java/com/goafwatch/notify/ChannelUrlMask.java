package com.goafwatch.notify;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A channel's URL as the API shows it to anyone who may read the project's channels: the credentials it may carry
 * masked — a messenger robot's token, key or hook id, and for webhooks and brokers the password of the user
 * information and every query parameter's value (where API keys go). Before, a viewer read
 * {@code https://user:pass@hooks.example.com/h?apikey=…} in full. Host, port and path stay, so an admin can tell which
 * receiver it is; a masked URL sent back unchanged keeps the stored one.
 */
final class ChannelUrlMask {

    static final String MASK = "****";

    private ChannelUrlMask() {
    }

    static String display(String kind, String url) {
        if (url == null) {
            return null;
        }
        if (MessengerKind.of(kind) != null) {
            return MessengerKind.mask(url);
        }
        try {
            UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(url);
            UriComponents parts = builder.build();
            String userInfo = parts.getUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                builder.userInfo(colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK); // a bare user part may be a token
            }
            MultiValueMap<String, String> query = parts.getQueryParams();
            if (!query.isEmpty()) {
                builder.replaceQuery(null);
                query.forEach((name, values) -> values.forEach(v -> builder.queryParam(name, v == null ? null : MASK)));
            }
            return builder.build().toUriString();
        } catch (IllegalArgumentException e) {
            return MASK; // not a URL the validator would take: show nothing of it
        }
    }
}
