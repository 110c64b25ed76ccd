package com.goafwatch.notify;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.security.Actor;
import com.goafwatch.system.WorkerThread;

/**
 * Sends due deliveries. Each round claims a batch (FOR UPDATE SKIP LOCKED, pushing their next attempt
 * a lease into the future so a crash mid-send only delays them), sends outside the transaction and
 * records the outcome: delivered, or the error and the next attempt after an exponential back-off
 * (first retry, doubling, capped). Deliveries are never given up: a receiver that is down for a day gets
 * its messages when it is back, in order of creation per channel.
 */
@Component
class Dispatcher extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final ChannelRepository channels;
    private final List<Sender> senders;
    private final DispatchSignal signal;
    private final NotifyProperties properties;

    Dispatcher(JdbcClient jdbc, ChannelRepository channels, List<Sender> senders, DispatchSignal signal, NotifyProperties properties) {
        super("notification-dispatcher");
        this.jdbc = jdbc;
        this.channels = channels;
        this.senders = senders;
        this.signal = signal;
        this.properties = properties;
    }

    record Due(long id, long channelId, String event, String level, String payload, int attempts) {
    }

    /** @return how many deliveries were attempted */
    int dispatchOnce() {
        Duration lease = properties.timeout().multipliedBy(3);
        List<Due> due = jdbc.sql("""
                UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                FROM (SELECT id FROM notification_delivery WHERE state = 'pending' AND next_attempt_at <= now()
                      ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id
                RETURNING d.id, d.channel_id, d.event, d.payload->'alert'->>'level', d.payload::text, d.attempts""")
                .params(lease.toSeconds(), properties.batchSize())
                .query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6)))
                .list();
        Set<Long> failedChannels = new HashSet<>();
        for (Due d : due.stream().sorted(Comparator.comparingLong(Due::id)).toList()) {
            Channel channel = channels.findById(d.channelId()).orElse(null);
            if (channel == null) {
                continue;
            }
            String error = null;
            if (failedChannels.contains(channel.id())) {
                // keep per-channel order: once one message failed, the later ones wait for the next round
                error = "waiting behind an earlier failed delivery";
            } else {
                try {
                    sender(channel.kind()).send(channel, d.id(), d.event(), d.level(), d.payload());
                } catch (Exception e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    failedChannels.add(channel.id());
                }
            }
            record(d, error);
        }
        return due.size();
    }

    private void record(Due d, String error) {
        if (error == null) {
            jdbc.sql("UPDATE notification_delivery SET state = 'delivered', attempts = attempts + 1, last_attempt_at = now(), "
                    + "delivered_at = now(), last_error = NULL WHERE id = ?").param(d.id()).update();
            return;
        }
        long backoff = Math.min(properties.maxRetry().toMillis(), properties.firstRetry().toMillis() * (1L << Math.min(20, d.attempts())));
        jdbc.sql("UPDATE notification_delivery SET attempts = attempts + 1, last_attempt_at = now(), last_error = ?, "
                + "next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")
                .params(error.length() > 500 ? error.substring(0, 500) : error, backoff / 1000.0, d.id()).update();
        if (d.attempts() == 0) {
            log.warn("notification {} to channel {} failed ({}); retrying with back-off", d.id(), d.channelId(), error);
        }
    }

    private Sender sender(String kind) {
        return senders.stream().filter(s -> s.handles(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sender for channel kind " + kind));
    }

    @Override
    protected void work() {
        while (running()) {
            try {
                int n = Actor.runAs("notifications", this::dispatchOnce);
                if (n < properties.batchSize()) {
                    signal.await(properties.poll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // PostgreSQL away: try again at the next poll; the outbox keeps everything
                log.warn("notification dispatch round failed: {}", e.getMessage());
                try {
                    signal.await(properties.poll().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
