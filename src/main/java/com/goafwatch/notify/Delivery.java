package com.goafwatch.notify;

import java.time.OffsetDateTime;

/** One message to one channel and what became of it: pending (with attempts and the last error) or delivered. */
public record Delivery(long id, long channelId, long alertId, long alertEventId, String event, String state, int attempts,
        OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, String lastError, OffsetDateTime deliveredAt,
        OffsetDateTime createdAt) {
}
