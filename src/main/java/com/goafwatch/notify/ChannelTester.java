package com.goafwatch.notify;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import com.goafwatch.security.Actor;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one test message to a channel now, through the same sender (and so the same {@link GuardedHttp} and
 * {@link DeliveryAddressGuard} checks) as real deliveries, and reports the receiver's answer: for a webhook its HTTP
 * status, for the others whether it took the message or the error (never the receiver's body). Nothing is queued or
 * logged as a delivery: the test is not an alert event.
 */
@Service
class ChannelTester {

    /** What the receiver answered. */
    record Answer(long channelId, boolean delivered, Integer httpStatus, String answer) {
    }

    private static final int MAX_ERROR_CHARS = 300;

    private final List<Sender> senders;
    private final WebhookSender webhook;
    private final ObjectMapper mapper;

    ChannelTester(List<Sender> senders, WebhookSender webhook, ObjectMapper mapper) {
        this.senders = senders;
        this.webhook = webhook;
        this.mapper = mapper;
    }

    Answer test(Channel channel) {
        String payload = payload(channel);
        try {
            if (webhook.handles(channel.kind())) {
                int status = webhook.post(channel, 0, "test", payload);
                return new Answer(channel.id(), status / 100 == 2, status, "HTTP " + status);
            }
            Sender sender = senders.stream().filter(s -> s.handles(channel.kind())).findFirst().orElseThrow();
            sender.send(channel, 0, "test", "blue", payload);
            return new Answer(channel.id(), true, null, "accepted");
        } catch (Exception e) {
            String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Answer(channel.id(), false, null, text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text);
        }
    }

    /** Shaped like an alert event's payload, so messenger cards render it; the parcel and rule say it is a test. */
    private String payload(Channel channel) {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("event", "test");
        payload.put("eventId", 0);
        payload.put("comment", "test message from GoafWatch, sent by " + Actor.current());
        ObjectNode alert = payload.putObject("alert");
        alert.put("id", 0);
        alert.put("projectId", channel.projectId());
        alert.put("parcel", "TEST");
        alert.put("kind", "threshold");
        alert.put("state", "raised");
        alert.put("level", "blue");
        alert.put("rule", "test message");
        alert.put("metric", "test");
        alert.put("raisedAt", Instant.now().toString());
        return mapper.writeValueAsString(payload);
    }
}
