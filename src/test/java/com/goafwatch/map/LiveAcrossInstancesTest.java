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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;
import com.jayway.jsonpath.JsonPath;

/**
 * Two instances on one database (the shared test context A and a second context B with its own spool): a
 * map page open on either instance hears of readings stored through either one, through PostgreSQL
 * {@code LISTEN/NOTIFY}, and of each batch exactly once (the storing instance's own notice is not passed
 * on a second time), also after the listening sessions were ended as by a PostgreSQL restart. Edits
 * made through B reach A's page as a {@code layers} event.
 */
class LiveAcrossInstancesTest extends IntegrationTest {

    private record Event(String name, String data) {
    }

    @Test
    void readingsStoredThroughEitherInstanceReachPagesOnBothOnce() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("LIVE2"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("L-B", 1, "Polygon", square(E0, N0, 100))))
                .status()).isEqualTo(200);
        fixtures().trenchCable(projectId, "LC2", E0, N0 + 50, E0 + 100, N0 + 50, 120);
        String token = api().postJson("/api/v1/admin/tokens", "{\"name\": \"live-cluster\", \"role\": \"admin\"}").json("$.secret");

        try (RunningService b = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("live-b-spool")))) {
            HttpApi apiA = new HttpApi(port).bearer(token);
            HttpApi apiB = new HttpApi(b.api().port()).bearer(token);
            List<Event> pageA = open(port, projectId, token);
            List<Event> pageB = open(b.api().port(), projectId, token);
            await("both pages got their first layer versions", () -> count(pageA, "layers") > 0 && count(pageB, "layers") > 0);

            ingest(apiB, projectId, 1);
            await("B's batch on both pages", () -> count(pageA, "data") == 1 && count(pageB, "data") == 1);
            ingest(apiA, projectId, 2);
            await("A's batch on both pages", () -> count(pageA, "data") == 2 && count(pageB, "data") == 2);
            // PostgreSQL delivers notices in commit order: once this last one is in, a duplicate of an
            // earlier one (A's own notice coming back to A) would have arrived before it
            ingest(apiB, projectId, 3);
            await("B's second batch on both pages", () -> count(pageA, "data") >= 3 && count(pageB, "data") >= 3);
            assertThat(count(pageA, "data")).as("data events on A's page: " + pageA).isEqualTo(3);
            assertThat(count(pageB, "data")).as("data events on B's page: " + pageB).isEqualTo(3);

            // as after a PostgreSQL restart: the listening sessions end; both instances listen again
            // as after a PostgreSQL restart: the listening sessions end, and every instance listens again
            // (other contexts of this test JVM on the same database may listen too)
            long ended = jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                    .param("LISTEN " + LiveChannel.CHANNEL).query(Long.class).single();
            assertThat(ended).as("at least A's and B's listening sessions").isGreaterThanOrEqualTo(2);
            await("the instances listen again", () -> listeners() >= ended);
            ingest(apiB, projectId, 4);
            await("B's batch after the reconnect on both pages", () -> count(pageA, "data") == 4 && count(pageB, "data") == 4);
            ingest(apiA, projectId, 5);
            await("A's batch after the reconnect on both pages", () -> count(pageA, "data") == 5 && count(pageB, "data") == 5);

            long parcelsOnA = lastParcelsVersion(pageA);
            long parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
            assertThat(apiB.putJson("/api/v1/parcels/" + parcelId + "?crs=EPSG:4548", feature("L-B", 1, "Polygon", square(E0, N0, 120)))
                    .status()).isEqualTo(200);
            await("B's edit announced on A's page", () -> lastParcelsVersion(pageA) > parcelsOnA);
        }
    }

    /** Sessions listening on the live channel: an idle listener's last statement is its LISTEN. */
    private long listeners() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param("LISTEN " + LiveChannel.CHANNEL).query(Long.class).single();
    }

    private static void ingest(HttpApi api, long projectId, int n) {
        long ns = System.currentTimeMillis() * 1_000_000L + n;
        var r = api.postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                ("fiber_strain,cable=LC2 distance_m=" + (10 * n) + ",strain_ue=5,temperature_c=15 " + ns + "\n").getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    /** Opens the project's event stream on the instance at {@code port}; its events land in the returned list. */
    private static List<Event> open(int port, long projectId, String token) throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/projects/" + projectId + "/live"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            String[] name = {null};
            try {
                response.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(new Event(name[0], line.substring(5).trim()));
                    }
                });
            } catch (RuntimeException closed) {
                // the instance went away at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static long count(List<Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).count();
    }

    private static long lastParcelsVersion(List<Event> events) {
        return events.stream().filter(e -> "layers".equals(e.name()))
                .mapToLong(e -> ((Number) JsonPath.read(e.data(), "$.parcels")).longValue()).max().orElse(-1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 3 minutes: " + what);
            }
            Thread.sleep(100);
        }
    }
}
