package com.goafwatch.map;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.system.WorkerThread;

/**
 * Carries live map events between the instances sharing the database, on PostgreSQL {@code LISTEN/NOTIFY}.
 *
 * <p>{@link #publish} sends a small notice ({@code pg_notify}, far below PostgreSQL's 8000-byte payload
 * limit); every instance listens on a connection of its own and hands other instances' notices to its
 * subscribers. An instance's own notices are skipped: it has already told its own pages, so each page
 * hears of an event once. Notices sent while an instance is reconnecting (PostgreSQL restarted) are not
 * replayed; the pages' next {@code layers} poll and their own refetch on reconnect cover that gap.
 */
@Component
class LiveChannel extends WorkerThread {

    static final String CHANNEL = "goafwatch_live";
    private static final Logger log = LoggerFactory.getLogger(LiveChannel.class);
    /** Bounds how long a stop waits for the blocked listener. */
    private static final int LISTEN_WAIT_MS = 1_000;
    private static final long RECONNECT_PAUSE_MS = 2_000;

    /** A notice: the origin instance, the project, the stored batch (its number on the origin instance). */
    record Notice(String origin, long projectId, long batch) {

        String payload() {
            return origin + " " + projectId + " " + batch;
        }

        static Notice parse(String payload) {
            String[] parts = payload.split(" ");
            return new Notice(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final String instance = UUID.randomUUID().toString();
    private final CopyOnWriteArrayList<Consumer<Notice>> receivers = new CopyOnWriteArrayList<>();

    LiveChannel(DataSource dataSource, JdbcClient jdbc) {
        super("map-live-channel");
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Other instances' notices go to {@code receiver}, on the listener thread. */
    void onRemote(Consumer<Notice> receiver) {
        receivers.add(receiver);
    }

    /** Tells the other instances that {@code projectId}'s batch is stored; false when the database is away. */
    boolean publish(long projectId, long batch) {
        try {
            jdbc.sql("SELECT pg_notify(?, ?)").param(CHANNEL).param(new Notice(instance, projectId, batch).payload())
                    .query((rs, n) -> 1).list();
            return true;
        } catch (RuntimeException e) {
            log.warn("live map notice for project {} not sent: {}", projectId, e.toString());
            return false;
        }
    }

    @Override
    protected void work() {
        while (running()) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running()) {
                    PGNotification[] notes = pg.getNotifications(LISTEN_WAIT_MS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            deliver(note.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running()) {
                    return;
                }
                log.warn("live map channel: {}; listening again shortly", e.toString());
                try {
                    Thread.sleep(RECONNECT_PAUSE_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        Notice notice;
        try {
            notice = Notice.parse(payload);
        } catch (RuntimeException e) {
            log.warn("live map channel: unreadable notice '{}'", payload);
            return;
        }
        if (!notice.origin().equals(instance)) {
            receivers.forEach(r -> r.accept(notice));
        }
    }
}
