package com.goafwatch.notify;

import java.util.List;

/** Body of channel create/update; {@link ChannelValidator} fills defaults and checks it. */
public record ChannelRequest(String name, String kind, String url, String topic, String secret, String minLevel, Long phaseId,
        List<String> events, Boolean includeNoData, Boolean enabled, String language) {
}
