package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import com.goafwatch.support.Poll;
import com.goafwatch.support.TestInflux;
import com.jayway.jsonpath.JsonPath;

/**
 * The drainer on a backlog (batches committed while it was stopped), against a real InfluxDB of its own: consecutive
 * batches go in one /write (InfluxDB's own count of write requests, /debug/vars), in sequence order, so a point a
 * later batch repeats with another value ends with the later value; each batch is done (file gone, BatchWritten
 * once, in order) only after that write; a batch InfluxDB refuses is set aside alone while the others arrive.
 */
class SpoolCoalescingTest {

    private static final long T0 = 1_700_000_000_000L;
    private static TestInflux influx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startInflux() {
        influx = TestInflux.startNew(); // alone: its write-request count is ours
    }

    @AfterAll
    static void stopInflux() {
        influx.stop();
    }

    @Test
    void aBacklogGoesInOneWriteAndALaterBatchStillWins() throws Exception {
        Drained d = drain("coalesced", DataSize.ofMegabytes(8), List.of(
                "probe,k=1 v=1 " + T0 + "\nprobe,k=2 v=2 " + T0,
                "probe,k=3 v=3 " + T0,
                "probe,k=1 v=100 " + T0 + "\nprobe,k=4 v=4 " + T0, // repeats k=1 at T0 with another value
                "probe,k=5 v=5 " + T0));
        assertThat(d.writes).as("write requests for 4 waiting batches").isEqualTo(1);
        assertThat(d.written).containsExactly(1L, 2L, 3L, 4L);
        assertThat(values("coalesced")).isEqualTo("[[\"1\",100],[\"2\",2],[\"3\",3],[\"4\",4],[\"5\",5]]");
    }

    @Test
    void withoutCoalescingEachBatchIsAWriteOfItsOwn() throws Exception {
        Drained d = drain("single", DataSize.ofBytes(0), List.of("probe,k=1 v=1 " + T0, "probe,k=1 v=100 " + T0, "probe,k=2 v=2 " + T0));
        assertThat(d.writes).isEqualTo(3);
        assertThat(d.written).containsExactly(1L, 2L, 3L);
        assertThat(values("single")).isEqualTo("[[\"1\",100],[\"2\",2]]");
    }

    @Test
    void aGroupWriteOfAtMostMaxWriteSizeBytes() throws Exception {
        // 3 batches of 200 bytes each (one line of 199 and its line break) under a 450-byte cap: two writes (2 batches, then 1)
        String padded = "probe,k=1 pad=\"" + "x".repeat(169) + "\" " + T0;
        assertThat(padded.length()).isEqualTo(199);
        Drained d = drain("capped", DataSize.ofBytes(450), List.of(padded, padded.replace("k=1", "k=2"), padded.replace("k=1", "k=3")));
        assertThat(d.writes).isEqualTo(2);
        assertThat(d.written).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRefusedBatchInAGroupIsSetAsideAloneAndTheOthersArrive() throws Exception {
        Drained d = drain("refused", DataSize.ofMegabytes(8), List.of("probe,k=1 v=1 " + T0, "probe,k=2 v=\"text\" " + T0,
                "probe,k=3 v=3 " + T0));
        assertThat(d.written).as("batches done").containsExactly(1L, 3L);
        assertThat(values("refused")).isEqualTo("[[\"1\",1],[\"3\",3]]");
        try (var rejected = Files.list(dir.resolve("spool/rejected"))) {
            assertThat(rejected.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("0000000000000002.lp", "0000000000000002.lp.reason.txt");
        }
    }

    private record Drained(long writes, List<Long> written) {
    }

    /** Commits the batches with the drainer stopped, starts it, waits until the spool is empty. */
    private Drained drain(String database, DataSize maxWriteSize, List<String> batches) throws Exception {
        SpoolProperties properties = new SpoolProperties(dir.resolve("spool"), DataSize.ofMegabytes(100), 10_000, maxWriteSize, 1,
                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
        SpoolSignal signal = new SpoolSignal();
        Spool spool = new Spool(properties, signal);
        InfluxClient client = new InfluxClient(RestClient.builder(), new InfluxProperties(URI.create(influx.url()), database, "raw",
                Duration.ZERO, null, null, Duration.ofSeconds(2), Duration.ofSeconds(30), true));
        InfluxSchema schema = new InfluxSchema(client);
        assertThat(schema.ensure()).isTrue();
        for (String text : batches) {
            try (Spool.Batch b = spool.begin()) {
                text.lines().forEach(b::append);
                b.commit();
            }
        }
        List<Long> written = new CopyOnWriteArrayList<>();
        SpoolDrainer drainer = new SpoolDrainer(spool, client, schema, signal, properties,
                e -> written.add(((BatchWritten) e).sequence()));
        long before = writeRequests();
        drainer.start();
        try {
            Poll.until("the spool drained", Duration.ofSeconds(60), 20, () -> spool.pending().isEmpty());
        } finally {
            drainer.stop();
            spool.release();
        }
        return new Drained(writeRequests() - before, written);
    }

    private String values(String database) {
        String body = influx.query(database, "SELECT last(v) FROM probe GROUP BY k");
        List<Object> rows = JsonPath.read(body, "$.results[0].series[*]");
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            String k = JsonPath.read(body, "$.results[0].series[" + i + "].tags.k");
            Number v = JsonPath.read(body, "$.results[0].series[" + i + "].values[0][1]");
            s.append(i == 0 ? "" : ",").append("[\"").append(k).append("\",").append(v.longValue()).append(']');
        }
        return s.append(']').toString();
    }

    /** InfluxDB's own count of /write requests since it started. */
    private static long writeRequests() throws Exception {
        String vars = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(influx.url() + "/debug/vars")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Number count = JsonPath.read(vars, "$['httpd:" + URI.create(influx.url()).getAuthority() + "'].values.writeReq");
        return count.longValue();
    }
}
