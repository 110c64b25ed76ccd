package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import com.goafwatch.ingest.SamplesAccepted;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.timeseries.BatchWritten;
import com.jayway.jsonpath.JsonPath;

/**
 * The map page's event stream: a layer-version event after an edit, a data event once readings are stored (also when the
 * batch was written before its acceptance was announced).
 */
class LiveUpdatesTest extends IntegrationTest {

    private record Event(String name, String data) {
    }

    @Autowired
    private ApplicationEventPublisher publisher;

    @Test
    void editsAndStoredReadingsReachOpenPages() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("LIVE"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("L-A", 1, "Polygon", square(E0, N0, 100))))
                .status()).isEqualTo(200);
        fixtures().trenchCable(projectId, "LC1", E0, N0 + 50, E0 + 100, N0 + 50, 120);

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        String token = api().postJson("/api/v1/admin/tokens", "{\"name\": \"live\", \"role\": \"viewer\", \"projectId\": " + projectId + "}")
                .json("$.secret");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/projects/" + projectId + "/live"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            String[] name = {null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    events.add(new Event(name[0], line.substring(5).trim()));
                }
            });
        });
        reader.setDaemon(true);
        reader.start();

        Event first = next(events, "layers");
        long parcelsVersion = ((Number) JsonPath.read(first.data(), "$.parcels")).longValue();

        long parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        assertThat(api().putJson("/api/v1/parcels/" + parcelId + "?crs=EPSG:4548", feature("L-A", 1, "Polygon", square(E0, N0, 120)))
                .status()).isEqualTo(200);
        // other layers (or other tests' edits) may announce themselves first: wait for the parcels' new version
        Event edited = next(events, "layers");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (((Number) JsonPath.read(edited.data(), "$.parcels")).longValue() <= parcelsVersion && System.nanoTime() < deadline) {
            edited = next(events, "layers");
        }
        assertThat(((Number) JsonPath.read(edited.data(), "$.parcels")).longValue()).isGreaterThan(parcelsVersion);

        long ns = System.currentTimeMillis() * 1_000_000L;
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                ("fiber_strain,cable=LC1 distance_m=10,strain_ue=5,temperature_c=15 " + ns + "\n").getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        Event data = next(events, "data");
        long batch = ((Number) JsonPath.read(data.data(), "$.batch")).longValue();
        assertThat(batch).isPositive();

        // the drainer, woken by the spool commit, can write a batch before the ingesting thread announces it as
        // accepted: a batch accepted after its write is told at once, not when some later batch is written
        publisher.publishEvent(new BatchWritten(batch)); // already in InfluxDB (its data event came): no change there
        publisher.publishEvent(new SamplesAccepted(projectId, batch, java.util.Set.of()));
        Event late = next(events, "data");
        assertThat(((Number) JsonPath.read(late.data(), "$.batch")).longValue()).isEqualTo(batch);
        stream.cancel(true);
    }

    private static Event next(BlockingQueue<Event> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && name.equals(e.name())) {
                return e;
            }
        }
        throw new AssertionError("no '" + name + "' event within 60 s");
    }
}
