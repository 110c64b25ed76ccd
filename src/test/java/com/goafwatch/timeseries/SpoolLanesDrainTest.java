package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import com.goafwatch.support.Poll;
import com.goafwatch.support.TestInflux;
import com.jayway.jsonpath.JsonPath;

/**
 * The drainer with several writes in flight ({@code write-lanes}) against a real InfluxDB of its own: a point a later
 * batch repeats still ends with the later value; a refused batch is set aside alone; an InfluxDB stopped mid-drain
 * and started again loses nothing; the lanes' writes are really open at once (a proxy counts them), and one lane
 * failing while the others succeed re-sends the group: every point once, nothing set aside.
 */
class SpoolLanesDrainTest {

    private static final long T0 = 1_700_000_000_000L;
    private static TestInflux influx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startInflux() {
        influx = TestInflux.startNew(); // alone: the outage test stops it
    }

    @AfterAll
    static void stopInflux() {
        influx.stop();
    }

    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {2, 3, 4})
    void aPointALaterBatchRepeatsEndsWithTheLaterValue(int lanes) throws Exception {
        String db = "repeat" + lanes;
        List<String> batches = List.of(series(1, 40, k -> k + " " + T0), series(1, 40, k -> (100 + k) + " " + T0),
                "probe,k=7 v=1000 " + T0);
        List<Long> written = drain(new Setup(db, lanes, DataSize.ofMegabytes(8), influx.url(), batches, e -> { }));
        assertThat(written).containsExactly(1L, 2L, 3L);
        String body = influx.query(db, "SELECT v FROM probe GROUP BY k");
        List<Object> series = JsonPath.read(body, "$.results[0].series[*]");
        assertThat(series).hasSize(40);
        for (int i = 0; i < series.size(); i++) {
            int k = Integer.parseInt(JsonPath.read(body, "$.results[0].series[" + i + "].tags.k"));
            List<List<Object>> values = JsonPath.read(body, "$.results[0].series[" + i + "].values");
            assertThat(values).as("points of k=%d", k).hasSize(1);
            assertThat(((Number) values.get(0).get(1)).longValue()).as("k=%d", k).isEqualTo(k == 7 ? 1000 : 100 + k);
        }
    }

    @Test
    void aRefusedBatchIsSetAsideAloneWhileTheOthersArrive() throws Exception {
        // v is a float in this shard already (as an older writer would have left it): the text value conflicts whatever lane goes first
        InfluxClient older = new InfluxClient(RestClient.builder(), properties("refused", influx.url()));
        assertThat(new InfluxSchema(older).ensure()).isTrue();
        older.write("probe,k=0 v=0 " + (T0 - 1));
        List<Long> written = drain(new Setup("refused", 2, DataSize.ofMegabytes(8), influx.url(),
                List.of(series(1, 20, k -> k + " " + T0), "probe,k=21 v=\"text\" " + T0, series(22, 40, k -> k + " " + T0)), e -> { }));
        assertThat(written).containsExactly(1L, 3L);
        assertThat(influx.count("refused", "v", "probe", "")).isEqualTo(40); // k=0..20 and 22..40
        try (var rejected = Files.list(dir.resolve("spool/rejected"))) {
            assertThat(rejected.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("0000000000000002.lp", "0000000000000002.lp.reason.txt");
        }
    }

    @Test
    void anInfluxDbStoppedMidDrainAndStartedAgainLosesNothing() throws Exception {
        List<String> batches = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            batches.add(series(b * 500, b * 500 + 499, k -> k + " " + T0));
        }
        // the first batch done stops InfluxDB (on the drainer's thread, so before anything else is sent)
        boolean[] stopped = {false};
        List<Long> written = drain(new Setup("outage", 2, DataSize.ofKilobytes(40), influx.url(), batches, e -> {
            if (!stopped[0]) {
                stopped[0] = true;
                influx.stop();
            }
        }), drainer -> {
            Poll.until("the drainer saw InfluxDB gone", Duration.ofSeconds(60), 20, () -> drainer.status().lastError() != null);
            influx.start();
        });
        assertThat(stopped[0]).isTrue();
        assertThat(written).isEqualTo(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(influx.count("outage", "v", "probe", "")).isEqualTo(15_000);
        assertThat(Files.list(dir.resolve("spool/rejected")).count()).isZero();
    }

    @ParameterizedTest(name = "{0} lanes, lane {1} fails once")
    @CsvSource({"2, 0", "2, 1", "4, 0", "4, 1", "4, 2", "4, 3"})
    void theLanesWritesAreOpenAtOnceAndOneFailingResendsTheGroup(int lanes, int failing) throws Exception {
        String db = "gate" + lanes + "x" + failing;
        List<String> batches = List.of(series(0, 49, k -> k + " " + T0), series(50, 99, k -> k + " " + T0),
                series(100, 149, k -> k + " " + T0), series(150, 199, k -> k + " " + T0));
        // a line of the failing lane (the split only picks it: whichever lane the drainer sends itself, each is failed once)
        byte[] group = String.join("", batches).getBytes(StandardCharsets.UTF_8);
        SpoolLanes.Lane lane = SpoolLanes.split(group, group.length, lanes).get(failing);
        String line = new String(lane.bytes(), 0, lane.length(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow() + "\n";
        try (WriteGate gate = new WriteGate(influx.url(), lanes, 20_000, line)) {
            List<Long> written = drain(new Setup(db, lanes, DataSize.ofMegabytes(8), gate.url(), batches, e -> { }));
            assertThat(gate.maxOpen()).as("writes open at once").isEqualTo(lanes);
            assertThat(gate.refused()).isEqualTo(1);
            assertThat(written).containsExactly(1L, 2L, 3L, 4L);
        }
        assertThat(influx.count(db, "v", "probe", "")).isEqualTo(200);
        assertThat(Files.list(dir.resolve("spool/rejected")).count()).isZero();
    }

    /** Lines probe,k=from..to with v = the given text after "v=" (value and timestamp). */
    private static String series(int from, int to, java.util.function.IntFunction<String> valueAndTime) {
        StringBuilder s = new StringBuilder();
        for (int k = from; k <= to; k++) {
            s.append("probe,k=").append(k).append(" v=").append(valueAndTime.apply(k)).append('\n');
        }
        return s.toString();
    }

    private record Setup(String database, int lanes, DataSize maxWriteSize, String url, List<String> batches, Consumer<Object> onWritten) {
    }

    private List<Long> drain(Setup setup) throws Exception {
        return drain(setup, drainer -> { });
    }

    /** Commits the batches with the drainer stopped, starts it, runs {@code meanwhile}, waits until the spool is empty. */
    private List<Long> drain(Setup setup, Consumer<SpoolDrainer> meanwhile) throws Exception {
        SpoolProperties properties = new SpoolProperties(dir.resolve("spool"), DataSize.ofMegabytes(100), 10_000, setup.maxWriteSize(),
                setup.lanes(), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
        SpoolSignal signal = new SpoolSignal();
        Spool spool = new Spool(properties, signal);
        InfluxClient client = new InfluxClient(RestClient.builder(), properties(setup.database(), setup.url()));
        InfluxSchema schema = new InfluxSchema(client);
        assertThat(schema.ensure()).isTrue();
        for (String text : setup.batches()) {
            try (Spool.Batch b = spool.begin()) {
                text.lines().forEach(b::append);
                b.commit();
            }
        }
        List<Long> written = new CopyOnWriteArrayList<>();
        SpoolDrainer drainer = new SpoolDrainer(spool, client, schema, signal, properties, e -> {
            written.add(((BatchWritten) e).sequence());
            setup.onWritten().accept(e);
        });
        drainer.start();
        try {
            meanwhile.accept(drainer);
            Poll.until("the spool drained", Duration.ofSeconds(120), 20, () -> spool.pending().isEmpty());
        } finally {
            drainer.stop();
            spool.release();
        }
        return written;
    }

    private static InfluxProperties properties(String database, String url) {
        return new InfluxProperties(URI.create(url), database, "raw", Duration.ZERO, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(30), true);
    }
}
