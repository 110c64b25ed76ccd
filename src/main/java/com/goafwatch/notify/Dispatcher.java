package com.goafwatch.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.security.Actor;
import com.goafwatch.system.ClusterLock;
import com.goafwatch.system.WorkerThread;

/**
 * Sends due deliveries, in strict order of creation per channel, exactly once each while no instance
 * dies mid-send. A channel is worked by one dispatcher at a time cluster-wide: the one holding the
 * channel's advisory lock ({@link ClusterLock}); others skip the channel instead of waiting. Under the
 * lock the dispatcher sends the channel's oldest pending delivery (its head) when it is due, records the
 * outcome, and reads the next head, until the channel has nothing due, a send fails, or a batch is sent.
 * A delivery waiting for its retry therefore holds back everything behind it, across rounds, batches and
 * instances, and no later event can overtake it. The lock lasts exactly as long as the holder's session:
 * a dispatcher that dies mid-send frees its channels at once (no lease to wait out), and the receiver may
 * then get the delivery it was sending a second time, with the same {@code X-Goafwatch-Delivery} id.
 *
 * <p>Sending happens outside any transaction; each outcome is committed before the lock is released:
 * delivered, or the error and the next attempt after an exponential back-off (first retry, doubling,
 * capped), with the deliveries behind a failed one marked "waiting behind …". Deliveries are never given
 * up: a receiver that is down for a day gets its messages when it is back, in order.
 */
@Component
class Dispatcher extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final ChannelRepository channels;
    private final List<Sender> senders;
    private final DispatchSignal signal;
    private final NotifyProperties properties;
    private final ClusterLock lock;

    Dispatcher(JdbcClient jdbc, ChannelRepository channels, List<Sender> senders, DispatchSignal signal, NotifyProperties properties,
            ClusterLock lock) {
        super("notification-dispatcher");
        this.jdbc = jdbc;
        this.channels = channels;
        this.senders = senders;
        this.signal = signal;
        this.properties = properties;
        this.lock = lock;
    }

    record Due(long id, long channelId, String event, String level, String payload, int attempts) {
    }

    /** @return how many deliveries were attempted this round (a full batch: look again at once) */
    int dispatchOnce() {
        int attempted = 0;
        for (long channelId : channelsWithDueHead()) {
            attempted += lock.tryRun(ClusterLock.Scope.NOTIFICATION_CHANNEL, channelId, () -> drain(channelId)).orElse(0);
        }
        return attempted;
    }

    /** Channels whose oldest pending delivery is due, oldest head first. */
    private List<Long> channelsWithDueHead() {
        return jdbc.sql("""
                SELECT channel_id FROM (SELECT DISTINCT ON (channel_id) channel_id, id, next_attempt_at
                                        FROM notification_delivery WHERE state = 'pending' ORDER BY channel_id, id) head
                WHERE next_attempt_at <= now() ORDER BY id LIMIT ?""")
                .param(properties.batchSize()).query(Long.class).list();
    }

    /** Sends the channel's due heads in order; runs only under the channel's lock. */
    private int drain(long channelId) {
        Channel channel = channels.findById(channelId).orElse(null);
        if (channel == null) {
            return 0; // deleted meanwhile: its deliveries went with it
        }
        int attempted = 0;
        while (attempted < properties.batchSize()) {
            Optional<Due> head = dueHead(channelId);
            if (head.isEmpty()) {
                break;
            }
            Due d = head.get();
            attempted++;
            try {
                sender(channel.kind()).send(channel, d.id(), d.event(), d.level(), d.payload());
            } catch (Exception e) {
                failed(d, reason(e));
                break;
            }
            delivered(d);
        }
        return attempted;
    }

    /** The channel's oldest pending delivery, read afresh under the lock, if its attempt is due. */
    private Optional<Due> dueHead(long channelId) {
        return jdbc.sql("""
                SELECT id, channel_id, event, level, payload, attempts FROM (
                    SELECT id, channel_id, event, payload->'alert'->>'level' AS level, payload::text AS payload, attempts, next_attempt_at
                    FROM notification_delivery WHERE channel_id = ? AND state = 'pending' ORDER BY id LIMIT 1) head
                WHERE next_attempt_at <= now()""")
                .param(channelId).query(this::due).optional();
    }

    private Due due(ResultSet rs, int row) throws SQLException {
        return new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6));
    }

    private void delivered(Due d) {
        jdbc.sql("UPDATE notification_delivery SET state = 'delivered', attempts = attempts + 1, last_attempt_at = now(), "
                + "delivered_at = now(), last_error = NULL WHERE id = ?").param(d.id()).update();
    }

    /**
     * Why a send failed, with the messages of its causes: Paho's MqttException says only "MqttException" and keeps the
     * reason (a refused address, a refused connection) in its cause.
     */
    static String reason(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (").append(cause.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    private void failed(Due d, String error) {
        long backoff = Math.min(properties.maxRetry().toMillis(), properties.firstRetry().toMillis() * (1L << Math.min(20, d.attempts())));
        jdbc.sql("UPDATE notification_delivery SET attempts = attempts + 1, last_attempt_at = now(), last_error = ?, "
                + "next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")
                .params(error.length() > 500 ? error.substring(0, 500) : error, backoff / 1000.0, d.id()).update();
        // the log says why the later ones have not left
        jdbc.sql("UPDATE notification_delivery SET last_error = ? WHERE channel_id = ? AND state = 'pending' AND id > ?")
                .params("waiting behind delivery " + d.id() + " (" + d.event() + "), which is being retried", d.channelId(), d.id())
                .update();
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
