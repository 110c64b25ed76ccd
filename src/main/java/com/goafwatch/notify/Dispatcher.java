package com.goafwatch.notify;

import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.security.Actor;
import com.goafwatch.system.WorkerThread;

/**
 * Sends due deliveries, in strict order of creation per channel. Only the oldest pending delivery of a
 * channel (its head) can make the channel due; a round claims due heads (FOR UPDATE SKIP LOCKED) and
 * then the pending deliveries queued behind them, pushing every claimed row's next attempt a lease into
 * the future. While a channel's head is leased or waiting for its retry, nothing behind it can be
 * claimed, by this instance or any other sharing the database, so a later event never overtakes an
 * earlier one, across rounds and instances. A crash mid-send only delays the channel by the lease.
 *
 * <p>Sending happens outside any transaction; each outcome is recorded: delivered, or the error and the
 * next attempt after an exponential back-off (first retry, doubling, capped), and the deliveries behind
 * a failed one are released untried ("waiting behind …"). Deliveries are never given up: a receiver that
 * is down for a day gets its messages when it is back, in order.
 */
@Component
class Dispatcher extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final String RETURNING =
            " RETURNING d.id, d.channel_id, d.event, d.payload->'alert'->>'level', d.payload::text, d.attempts";

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

    /** @return how many deliveries were claimed this round (a full batch: look again at once) */
    int dispatchOnce() {
        List<Due> heads = claimHeads();
        if (heads.isEmpty()) {
            return 0;
        }
        List<Due> due = new ArrayList<>(heads);
        due.addAll(claimFollowers(heads));
        due.sort(Comparator.comparingLong(Due::id));
        Map<Long, Due> failedChannels = new HashMap<>();
        for (Due d : due) {
            Due blocking = failedChannels.get(d.channelId());
            if (blocking != null) {
                release(d, blocking);
                continue;
            }
            Channel channel = channels.findById(d.channelId()).orElse(null);
            if (channel == null) {
                continue; // deleted meanwhile: its deliveries went with it
            }
            try {
                sender(channel.kind()).send(channel, d.id(), d.event(), d.level(), d.payload());
                delivered(d);
            } catch (Exception e) {
                failed(d, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                failedChannels.put(d.channelId(), d);
            }
        }
        return due.size();
    }

    /** The oldest pending delivery of each channel, where that one is due. */
    private List<Due> claimHeads() {
        return jdbc.sql("""
                UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                FROM (SELECT h.id FROM notification_delivery h
                      WHERE h.state = 'pending' AND h.next_attempt_at <= now()
                        AND NOT EXISTS (SELECT 1 FROM notification_delivery e
                                        WHERE e.channel_id = h.channel_id AND e.state = 'pending' AND e.id < h.id)
                      ORDER BY h.id LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id""" + RETURNING)
                .params(lease(), properties.batchSize()).query(this::due).list();
    }

    /** What waits behind the claimed heads on their channels, in order, at most a batch per channel. */
    private List<Due> claimFollowers(List<Due> heads) {
        Long[] channelIds = heads.stream().map(Due::channelId).toArray(Long[]::new);
        Long[] headIds = heads.stream().map(Due::id).toArray(Long[]::new);
        return jdbc.sql("""
                UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                FROM (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY channel_id ORDER BY id) AS k
                                      FROM notification_delivery
                                      WHERE state = 'pending' AND channel_id = ANY (?) AND id <> ALL (?)) queued
                      WHERE k < ?) behind
                WHERE d.id = behind.id""" + RETURNING)
                .params(lease(), channelIds, headIds, properties.batchSize()).query(this::due).list();
    }

    private Due due(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6));
    }

    private long lease() {
        return properties.timeout().multipliedBy(3).toSeconds();
    }

    private void delivered(Due d) {
        jdbc.sql("UPDATE notification_delivery SET state = 'delivered', attempts = attempts + 1, last_attempt_at = now(), "
                + "delivered_at = now(), last_error = NULL WHERE id = ?").param(d.id()).update();
    }

    private void failed(Due d, String error) {
        long backoff = Math.min(properties.maxRetry().toMillis(), properties.firstRetry().toMillis() * (1L << Math.min(20, d.attempts())));
        jdbc.sql("UPDATE notification_delivery SET attempts = attempts + 1, last_attempt_at = now(), last_error = ?, "
                + "next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")
                .params(error.length() > 500 ? error.substring(0, 500) : error, backoff / 1000.0, d.id()).update();
        if (d.attempts() == 0) {
            log.warn("notification {} to channel {} failed ({}); retrying with back-off", d.id(), d.channelId(), error);
        }
    }

    /** Not tried: it waits until the earlier delivery it is queued behind has gone through. */
    private void release(Due d, Due blocking) {
        jdbc.sql("UPDATE notification_delivery SET last_error = ?, next_attempt_at = now() WHERE id = ?")
                .params("waiting behind delivery " + blocking.id() + " (" + blocking.event() + "), which is being retried", d.id())
                .update();
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
