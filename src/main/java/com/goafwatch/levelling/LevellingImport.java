package com.goafwatch.levelling;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.ingest.ReadingsIngestor;
import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitedInputStream;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.BoundedLineReader;

/**
 * Imports one levelling run, all or nothing: read the raw file, assemble set-ups, start and close on known
 * benchmarks, check the misclosure against the order's limit (refused over it, nothing written), distribute
 * it, write the settlement markers' heights through the spool (carrying the run's id) and record the run
 * with every point. The spool batch is committed last inside the database transaction, so a refusal at any
 * step leaves neither; only a failure of the database commit itself could leave readings whose run record
 * is missing (they still name the run id).
 */
@Service
class LevellingImport {

    private final LevellingRepository runs;
    private final PointSensorRepository sensors;
    private final ReadingsIngestor readings;
    private final LevellingProperties properties;
    private final LimitsProperties limits;

    LevellingImport(LevellingRepository runs, PointSensorRepository sensors, ReadingsIngestor readings, LevellingProperties properties,
            LimitsProperties limits) {
        this.runs = runs;
        this.sensors = sensors;
        this.readings = readings;
        this.properties = properties;
        this.limits = limits;
    }

    @Transactional
    public LevellingRun importRun(long projectId, RunRequest request, InputStream body) {
        RawFileErrors errors = new RawFileErrors(100);
        MessageDigest sha = sha256();
        RawRun raw = read(request.format(), new DigestInputStream(new LimitedInputStream(body, limits.maxUploadSize().toBytes(),
                "goafwatch.limits.max-upload-size"), sha), errors);
        List<Setup> setups = errors.any() ? List.of() : SetupBuilder.build(raw.observations(), properties, errors);
        if (errors.any()) {
            throw errors.toProblem();
        }
        Benchmark start = benchmark(projectId, setups.get(0).backPoint(), "starts");
        Benchmark end = benchmark(projectId, setups.get(setups.size() - 1).forePoint(), "closes");
        double k = properties.coefficient(request.order(), request.mountain());
        String rule = String.format(Locale.ROOT, "%s order%s, %s: ±%s√L mm", request.order().dbValue(), request.mountain() ? " (mountain)" : "",
                request.order().ordinal() < 2 ? "GB/T 12897-2006" : "GB/T 12898-2009", trim(k));
        RunAdjustment.Result result = RunAdjustment.adjust(setups, start.heightM(), end.heightM(), k, rule, request.distribution());
        if (!result.withinTolerance()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "levelling-misclosure", "Misclosure over tolerance", String.format(
                    Locale.ROOT, "the run from %s to %s closes with %.2f mm over %.3f km; the limit is ±%.2f mm (%s); nothing was stored",
                    start.code(), end.code(), result.misclosureMm(), result.lengthKm(), result.toleranceMm(), rule))
                    .with("misclosureMm", round(result.misclosureMm(), 3)).with("toleranceMm", round(result.toleranceMm(), 3))
                    .with("lengthKm", round(result.lengthKm(), 4)).with("rule", rule);
        }
        List<LevellingRun.RunPoint> points = classify(projectId, result, start, end);
        long runId = runs.nextRunId();
        List<ReadingsIngestor.LevelledHeight> heights = points.stream().filter(p -> p.kind().equals("marker"))
                .map(p -> new ReadingsIngestor.LevelledHeight(p.pointCode(), p.heightM())).toList();
        Long batch = heights.isEmpty() ? null : readings.levelledHeights(projectId, runId, request.observedAt().toEpochMilli(), heights);
        runs.insertRun(runId, projectId, request.observedAt(), request.observer(), request.instrument(), raw.format(),
                request.order().dbValue(), request.mountain() ? "mountain" : "plain", result, start.code(), start.heightM(), end.code(),
                end.heightM(), request.distribution().dbValue(), java.util.HexFormat.of().formatHex(sha.digest()), batch);
        points.forEach(p -> runs.insertPoint(runId, p));
        return runs.run(runId).orElseThrow();
    }

    private RawRun read(String format, InputStream body, RawFileErrors errors) {
        try {
            BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
            String f = format == null || format.equalsIgnoreCase("auto") ? sniff(in) : format.toLowerCase(Locale.ROOT);
            BufferedReader text = new BufferedReader(new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    properties.maxLineLength(), false, "goafwatch.levelling.max-line-length"));
            return switch (f) {
                case "gsi" -> GsiReader.read(text, properties, errors);
                case "dini" -> DiniReader.read(text, properties, errors);
                default -> throw ApiException.badRequest("invalid-parameter", "format '" + format + "' must be gsi, dini or auto")
                        .with("parameter", "format");
            };
        } catch (UncheckedIOException e) {
            throw com.goafwatch.system.UnreadableUpload.problem(e.getCause());
        } catch (IOException e) {
            throw com.goafwatch.system.UnreadableUpload.problem(e);
        }
    }

    /** DiNi M5 lines start with "For M5"; anything else is taken for GSI. */
    private static String sniff(BufferedInputStream in) throws IOException {
        in.mark(64);
        byte[] head = in.readNBytes(64);
        in.reset();
        return new String(head, StandardCharsets.ISO_8859_1).stripLeading().startsWith("For M5") ? "dini" : "gsi";
    }

    private Benchmark benchmark(long projectId, String code, String role) {
        return runs.benchmark(projectId, code).orElseThrow(() -> ApiException.unprocessable("unknown-benchmark", "Unknown benchmark",
                "the run " + role + " on " + code + ", which is not a benchmark of the project; register its height at "
                        + "/api/v1/projects/" + projectId + "/levelling/benchmarks first; nothing was stored").with("point", code));
    }

    /** Benchmark, settlement marker or turning point for every point; unknown side shots and repeated markers are refused. */
    private List<LevellingRun.RunPoint> classify(long projectId, RunAdjustment.Result result, Benchmark start, Benchmark end) {
        Map<String, PointSensor> byCode = sensors.findByProject(projectId).stream()
                .collect(Collectors.toMap(PointSensor::code, Function.identity()));
        Map<String, Long> markerLines = new HashMap<>();
        RawFileErrors errors = new RawFileErrors(100);
        List<LevellingRun.RunPoint> points = new ArrayList<>();
        for (RunAdjustment.Point p : result.points()) {
            PointSensor sensor = byCode.get(p.code());
            boolean benchmark = p.code().equals(start.code()) || p.code().equals(end.code()) || runs.benchmark(projectId, p.code()).isPresent();
            String kind = benchmark ? "benchmark" : sensor != null ? "marker" : "turning";
            if (sensor != null && !benchmark && sensor.type() != SensorType.SETTLEMENT_MARKER) {
                errors.add(p.line(), p.code() + " is a " + sensor.type().dbValue() + ", not a settlement marker");
            } else if (kind.equals("turning") && p.sideShot()) {
                errors.add(p.line(), "side shot to " + p.code() + ", which is neither a settlement marker nor a benchmark of the project");
            } else if (kind.equals("marker") && markerLines.putIfAbsent(p.code(), p.line()) != null) {
                errors.add(p.line(), "marker " + p.code() + " is levelled twice in the run (first on line " + markerLines.get(p.code()) + ")");
            }
            points.add(new LevellingRun.RunPoint(points.size(), p.code(), kind, p.distanceFromStartM(), p.observedHeightM(), p.correctionMm(),
                    p.heightM(), kind.equals("marker") ? sensor.id() : null));
        }
        if (errors.any()) {
            throw errors.toProblem();
        }
        return points;
    }

    private static String trim(double k) {
        return k == Math.rint(k) ? String.valueOf((long) k) : String.valueOf(k);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
