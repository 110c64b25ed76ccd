package com.goafwatch.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.goafwatch.evaluation.EvaluationHold;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.Actor;
import com.goafwatch.security.Role;
import com.goafwatch.security.TokenService;
import com.goafwatch.site.SampleSiteProperties;
import com.goafwatch.subsidence.SimulatedCable;
import com.goafwatch.timeseries.SpoolDrainer;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's monitoring data. At start it writes the site's history ({@code backfill}: daily traces and
 * half-monthly levelling since the start of the monitoring period) in bulk through the ingestion path
 * ({@link DemoHistory}); then, like a field gateway, it sends a trace of every cable each
 * {@code liveInterval} and the levelling when it is due through the public HTTP API, with its own viewer
 * and ingest tokens. A developing event in one phase-3 parcel (subsidence.json's {@code developingVoid})
 * grows from trace to trace. Failures (e.g. 503 while the spool is full) are logged and the feed carries
 * on; it stops with the service.
 */
@Component
class DemoFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    /** Longest wait for the history to reach InfluxDB before going live (InfluxDB away: go live, the spool keeps it all). */
    private static final Duration HISTORY_DRAIN_WAIT = Duration.ofMinutes(5);
    private static final String HOLDER = "demo-feed history";

    private final DemoFeedProperties properties;
    private final SampleSiteProperties site;
    private final ObjectMapper mapper;
    private final RestClient.Builder http;
    private final Environment environment;
    private final TokenService tokens;
    private final ProjectRepository projects;
    private final DemoHistory history;
    private final SpoolDrainer drainer;
    private final EvaluationHold hold;
    private final List<Long> issued = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private volatile boolean running;

    DemoFeed(DemoFeedProperties properties, SampleSiteProperties site, ObjectMapper mapper, RestClient.Builder http,
            Environment environment, TokenService tokens, ProjectRepository projects, DemoHistory history, SpoolDrainer drainer,
            EvaluationHold hold) {
        this.hold = hold;
        if (properties.enabled()) {
            // from before the scheduler's first cycle until the history is in InfluxDB: on a database that already has the
            // site (a re-run), a cycle before that would find every sensor silent (lastReadingAt null) and raise no-data alerts
            hold.hold(HOLDER);
        }
        this.history = history;
        this.drainer = drainer;
        this.tokens = tokens;
        this.projects = projects;
        this.properties = properties;
        this.site = site;
        this.mapper = mapper;
        this.http = http;
        this.environment = environment;
    }

    /** Runs after the sample site is loaded (the loader listens with a lower order). */
    @Order(10)
    @EventListener(ApplicationReadyEvent.class)
    void startFeeding() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "demo-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        String base = properties.target() != null ? properties.target().toString()
                : "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
        try {
            long projectId = projects.findByCode(properties.projectCode()).orElseThrow(() -> new IllegalStateException(
                    "project " + properties.projectCode() + " does not exist (is the sample site loaded?)")).id();
            // least privilege, like a field gateway: read the layout with a viewer token, write with an ingest token
            RestClient reader = client(base, token("demo-feed-reader", Role.VIEWER, projectId));
            RestClient api = client(base, token("demo-feed-gateway", Role.INGEST, projectId));
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            DemoSite demo = DemoSite.load(reader, mapper, site.path(), properties.projectCode(), start,
                    start.minus(properties.settlingAge()), properties.storySpeedUp());
            Instant from = start.minus(properties.backfill());
            Cadence levelling = new Cadence(properties.levellingInterval(), DemoHistory.LEVELLING_OFFSET);
            Instant zeroReading = levelling.firstAtOrAfter(from);
            log.info("demo feed: {} cables and {} settlement markers of project {}; history from {}, then live every {}",
                    demo.cables().size(), demo.markers().size(), properties.projectCode(), from, properties.liveInterval());
            history.write(demo, from, start, zeroReading, properties);
            awaitHistoryInInflux();
            hold.release(HOLDER);
            // the live story starts now: the first evaluation has the whole history to judge
            Instant live = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            demo = demo.startingAt(live);
            log.info("demo feed: live from {}; the developing event in {} grows from trace to trace", live,
                    demo.model().path("developingVoid").path("parcel").asString("(none)"));
            Instant nextLevelling = levelling.firstAtOrAfter(start);
            long nextTraceMs = System.currentTimeMillis();
            while (running) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                sendTraces(api, demo, now);
                if (!now.isBefore(nextLevelling)) {
                    sendLevelling(api, demo, nextLevelling, zeroReading);
                    nextLevelling = nextLevelling.plus(properties.levellingInterval());
                }
                // at a fixed rate, like an interrogator's schedule: the time spent sending does not delay the next trace
                nextTraceMs = Math.max(nextTraceMs + properties.liveInterval().toMillis(), System.currentTimeMillis());
                Thread.sleep(Math.max(0, nextTraceMs - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("demo feed stopped: {}", e.getMessage());
        } finally {
            hold.release(HOLDER);
        }
    }

    /** Waits (bounded) until the spool has handed the history to InfluxDB; the feed goes live either way. */
    private void awaitHistoryInInflux() throws InterruptedException {
        long deadline = System.nanoTime() + HISTORY_DRAIN_WAIT.toNanos();
        while (drainer.status().pendingBatches() > 0 && System.nanoTime() < deadline && running) {
            Thread.sleep(250);
        }
    }

    private String token(String name, Role role, long projectId) {
        TokenService.CreatedToken created = Actor.runAs("demo-feed",
                () -> tokens.create(name, role, projectId, Set.of(), Duration.ofDays(1), "system:demo-feed"));
        issued.add(created.token().id());
        return created.secret();
    }

    private RestClient client(String base, String token) {
        return http.clone().baseUrl(base).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    private void sendTraces(RestClient api, DemoSite demo, Instant t) {
        for (SimulatedCable cable : demo.cables()) {
            String csv = demo.simulator().traceCsv(cable, t, properties.spacing());
            if (csv == null) {
                continue; // a dropped trace, as interrogators sometimes do
            }
            try {
                api.post().uri("/api/v1/projects/{id}/ingest/traces?cable={code}&format=csv", demo.projectId(), cable.code())
                        .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toBodilessEntity();
            } catch (RestClientException e) {
                log.warn("demo feed: trace of {} at {} refused: {}", cable.code(), t, e.getMessage());
            }
        }
    }

    private void sendLevelling(RestClient api, DemoSite demo, Instant at, Instant zeroReading) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode readings = body.putArray("readings");
        for (DemoSite.Marker m : demo.markers()) {
            readings.add(history.reading(demo, m, at, zeroReading));
        }
        try {
            api.post().uri("/api/v1/projects/{id}/ingest/readings", demo.projectId()).contentType(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().toBodilessEntity();
        } catch (RestClientException e) {
            log.warn("demo feed: levelling at {} refused: {}", at, e.getMessage());
        }
    }

    @Override
    public void start() {
        // started by the ApplicationReadyEvent, once the web server and the sample site are up
    }

    @Override
    public void stop() {
        running = false;
        for (Long id : issued) {
            try {
                Actor.runAs("demo-feed", () -> tokens.revoke(id));
            } catch (RuntimeException e) {
                log.debug("could not revoke demo token {}: {}", id, e.getMessage());
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
