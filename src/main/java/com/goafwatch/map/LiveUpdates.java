package com.goafwatch.map;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.goafwatch.ingest.SamplesAccepted;
import com.goafwatch.system.WorkerThread;
import com.goafwatch.timeseries.BatchWritten;

/**
 * Tells open map pages (Server-Sent Events) when to refresh: {@code layers} with the map layer versions
 * whenever one changes (an edit, a flag transition, an alert), and {@code data} once a batch of their
 * project's readings is in InfluxDB, whichever instance stored them ({@link LiveChannel}). One cheap
 * version query per poll serves every open page of this instance, and sees every instance's edits; the
 * events carry no data, so pages refetch through the normal, scoped API.
 */
@Component
class LiveUpdates extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** Pages reconnect by themselves (EventSource); a bounded lifetime frees what a vanished client held. */
    private static final long EMITTER_TIMEOUT_MS = 30 * 60_000L;
    private static final long HEARTBEAT_MS = 25_000;

    private final JdbcClient jdbc;
    private final MapProperties properties;
    private final LiveChannel channel;
    private final Map<SseEmitter, Long> subscribers = new ConcurrentHashMap<>();
    private final UnwrittenBatches unwritten = new UnwrittenBatches();
    private volatile Map<String, Long> lastVersions = Map.of();

    LiveUpdates(JdbcClient jdbc, MapProperties properties, LiveChannel channel) {
        super("map-live-updates");
        this.jdbc = jdbc;
        this.properties = properties;
        this.channel = channel;
        channel.onRemote(notice -> tellData(notice.projectId(), notice.batch()));
    }

    SseEmitter subscribe(long projectId) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        subscribers.put(emitter, projectId);
        send(emitter, "layers", versions());
        return emitter;
    }

    /** The batch is committed to the spool; told now if the drainer already wrote it (see {@link UnwrittenBatches}). */
    @EventListener
    void accepted(SamplesAccepted event) {
        unwritten.accepted(event.batch(), event.projectId()).ifPresent(projectId -> announce(projectId, event.batch()));
    }

    @EventListener
    void written(BatchWritten event) {
        unwritten.written(event.sequence()).forEach(projectId -> announce(projectId, event.sequence()));
    }

    /** This instance's pages at once, the others' through PostgreSQL. */
    private void announce(long projectId, long batch) {
        tellData(projectId, batch);
        channel.publish(projectId, batch);
    }

    private void tellData(long projectId, long batch) {
        subscribers.forEach((emitter, project) -> {
            if (project == projectId) {
                send(emitter, "data", Map.of("batch", batch));
            }
        });
    }

    /** Ends open streams first, so a graceful shutdown does not wait on pages that would never hang up. */
    @Override
    public void stop() {
        subscribers.keySet().forEach(SseEmitter::complete);
        subscribers.clear();
        super.stop();
    }

    @Override
    protected void work() {
        long lastBeat = System.currentTimeMillis();
        while (running()) {
            try {
                Thread.sleep(properties.livePoll().toMillis());
                if (subscribers.isEmpty()) {
                    continue;
                }
                Map<String, Long> now = versions();
                if (!now.equals(lastVersions)) {
                    lastVersions = now;
                    subscribers.keySet().forEach(e -> send(e, "layers", now));
                    lastBeat = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastBeat > HEARTBEAT_MS) {
                    subscribers.keySet().forEach(e -> send(e, "ping", Map.of()));
                    lastBeat = System.currentTimeMillis();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("live map updates: {}", e.toString()); // database away: try again next poll
            }
        }
    }

    private Map<String, Long> versions() {
        Map<String, Long> v = new java.util.TreeMap<>();
        jdbc.sql("SELECT layer, version FROM map_layer_version").query(rs -> {
            v.put(rs.getString(1), rs.getLong(2));
        });
        return v;
    }

    private void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(emitter); // the page went away
        }
    }
}
