package com.goafwatch.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.Actor;
import com.goafwatch.security.Role;
import com.goafwatch.security.TokenService;
import com.goafwatch.site.SampleSiteProperties;
import com.goafwatch.subsidence.SimulatedCable;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feeds simulated traces and daily levelling to the service over HTTP. The simulated clock starts
 * {@code backfill} ago and runs {@code speedUp} times faster than real time until it reaches the present,
 * then follows real time with a trace every {@code liveInterval}. Failures (e.g. 503 while the spool is
 * full) are logged and the feed carries on; it stops with the service.
 */
@Component
class DemoFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);

    private final DemoFeedProperties properties;
    private final SampleSiteProperties site;
    private final ObjectMapper mapper;
    private final RestClient.Builder http;
    private final Environment environment;
    private final TokenService tokens;
    private final ProjectRepository projects;
    private final List<Long> issued = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private volatile boolean running;

    DemoFeed(DemoFeedProperties properties, SampleSiteProperties site, ObjectMapper mapper, RestClient.Builder http,
            Environment environment, TokenService tokens, ProjectRepository projects) {
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
            Instant now = Instant.now();
            DemoSite demo = DemoSite.load(reader, mapper, site.path(), properties.projectCode(), now.minus(properties.settlingAge()));
            log.info("demo feed: {} cables and {} settlement markers of project {} from {} on, {}x speed-up until now",
                    demo.cables().size(), demo.markers().size(), properties.projectCode(), now.minus(properties.backfill()),
                    properties.speedUp());
            Instant simulated = now.minus(properties.backfill()).truncatedTo(ChronoUnit.MINUTES);
            Instant lastLevelling = simulated.minus(1, ChronoUnit.DAYS);
            while (running) {
                sendTraces(api, demo, simulated);
                if (Duration.between(lastLevelling, simulated).toHours() >= 24) {
                    sendLevelling(api, demo, simulated);
                    lastLevelling = simulated;
                }
                boolean catchingUp = simulated.plus(properties.traceInterval()).isBefore(Instant.now());
                Duration step = catchingUp ? properties.traceInterval() : properties.liveInterval();
                Thread.sleep(catchingUp ? (long) (step.toMillis() / properties.speedUp()) : step.toMillis());
                simulated = catchingUp ? simulated.plus(step) : Instant.now().truncatedTo(ChronoUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("demo feed stopped: {}", e.getMessage());
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

    private void sendLevelling(RestClient api, DemoSite demo, Instant t) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode readings = body.putArray("readings");
        Instant morning = t.atZone(ZoneId.of("Asia/Shanghai")).withHour(9).withMinute(0).withSecond(0).withNano(0).toInstant();
        Instant at = morning.isAfter(t) ? morning.minus(1, ChronoUnit.DAYS) : morning;
        for (DemoSite.Marker m : demo.markers()) {
            readings.addObject().put("sensor", m.code()).put("time", at.toString())
                    .put("settlementMm", Math.round(demo.simulator().markerReadingMm(m.code(), m.e(), m.n(), at) * 100) / 100.0);
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
