package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.brillouin.BrillouinCsv;
import com.goafwatch.brillouin.BrillouinProperties;
import com.goafwatch.brillouin.BrillouinRepository;
import com.goafwatch.brillouin.ReferenceSummary;
import com.goafwatch.brillouin.ShiftChecks;
import com.goafwatch.brillouin.ShiftKind;
import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;

/**
 * Stores a new reference (baseline) trace of a cable's Brillouin shift from one trace of Brillouin CSV: every
 * row checked (plausible shift, distance on the fiber, no duplicate), all rows of one timestamp, at most
 * {@code goafwatch.brillouin.max-reference-samples}; appended to the cable's history, never replacing a row.
 */
@Service
public class BrillouinReferenceUpload {

    private final CableRepository cables;
    private final BrillouinRepository repository;
    private final BrillouinProperties limits;
    private final IngestProperties rules;
    private final ProjectAccess access;

    BrillouinReferenceUpload(CableRepository cables, BrillouinRepository repository, BrillouinProperties limits, IngestProperties rules,
            ProjectAccess access) {
        this.cables = cables;
        this.repository = repository;
        this.limits = limits;
        this.rules = rules;
        this.access = access;
    }

    private record Sample(double distanceM, double shiftMhz, double referenceShiftMhz, double temperatureC) {
    }

    @Transactional
    public ReferenceSummary upload(long cableId, ZoneId zone, String note, InputStream body) {
        Cable cable = cables.findById(cableId).orElseThrow(() -> ApiException.notFound("cable", cableId));
        access.requireCable(cable.projectId(), cable.id());
        if (note != null && note.length() > 2000) {
            throw ApiException.badRequest("invalid-parameter", "note: at most 2000 characters").with("parameter", "note");
        }
        RowErrors errors = new RowErrors(rules.maxErrorsListed());
        List<Sample> samples = new ArrayList<>();
        Timestamps timestamps = new Timestamps(zone == null ? rules.siteZone() : zone);
        long[] takenAt = {Long.MIN_VALUE};
        ShiftKind[] kind = {null};
        try {
            BufferedReader text = new BufferedReader(new InputStreamReader(UploadStreams.decompressed(body, rules),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            new BrillouinCsv(limits).read(text, row -> {
                if (samples.size() >= limits.maxReferenceSamples()) {
                    throw new ApiException(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "too-many-rows", "Too many rows",
                            "a reference trace holds at most " + limits.maxReferenceSamples()
                                    + " samples (goafwatch.brillouin.max-reference-samples); nothing was stored");
                }
                String bad = check(cable, row, timestamps, takenAt);
                if (bad != null) {
                    errors.add(row.line(), bad);
                    return;
                }
                kind[0] = row.reading().kind();
                samples.add(new Sample(row.distanceM(), row.reading().shiftMhz(), nanIfNull(row.reading().referenceShiftMhz()),
                        nanIfNull(row.reading().temperatureC())));
            }, errors::add);
        } catch (UncheckedIOException e) {
            throw UploadStreams.unreadable(e.getCause());
        }
        samples.sort(Comparator.comparingDouble(Sample::distanceM));
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).distanceM() == samples.get(i - 1).distanceM()) {
                errors.add(-1, "distance " + samples.get(i).distanceM() + " m appears twice in the reference trace");
            }
        }
        if (errors.any()) {
            throw errors.toProblem("reference trace");
        }
        if (samples.isEmpty()) {
            throw ApiException.unprocessable("invalid-rows", "Empty upload", "the reference trace holds no samples");
        }
        return store(cable, Instant.ofEpochMilli(takenAt[0]), kind[0], samples, note);
    }

    private String check(Cable cable, BrillouinCsv.Row row, Timestamps timestamps, long[] takenAt) {
        long time;
        try {
            time = timestamps.toEpochMillis(row.timestamp());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (takenAt[0] != Long.MIN_VALUE && time != takenAt[0]) {
            return "a reference is one trace: timestamp " + Instant.ofEpochMilli(time) + " differs from the first row's "
                    + Instant.ofEpochMilli(takenAt[0]);
        }
        takenAt[0] = time;
        if (!Double.isFinite(row.distanceM()) || row.distanceM() < 0 || row.distanceM() > cable.fiberLengthM()) {
            return "distance " + row.distanceM() + " m is not on the fiber (0–" + cable.fiberLengthM() + " m)";
        }
        var r = row.reading();
        String bad = ShiftChecks.implausible("shift", r.kind(), r.shiftMhz(), limits);
        if (bad == null && r.referenceShiftMhz() != null) {
            bad = ShiftChecks.implausible("reference_shift", r.kind(), r.referenceShiftMhz(), limits);
        }
        if (bad == null && r.temperatureC() != null && !(r.temperatureC() >= rules.minTemperatureC() && r.temperatureC() <= rules.maxTemperatureC())) {
            bad = "temperature " + r.temperatureC() + " °C is out of range (" + rules.minTemperatureC() + " to " + rules.maxTemperatureC()
                    + " °C; is it in °C?)";
        }
        return bad;
    }

    private ReferenceSummary store(Cable cable, Instant takenAt, ShiftKind kind, List<Sample> samples, String note) {
        int n = samples.size();
        double[] d = new double[n];
        double[] shift = new double[n];
        double[] ref = new double[n];
        double[] t = new double[n];
        MessageDigest sha = sha256();
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            d[i] = s.distanceM();
            shift[i] = s.shiftMhz();
            ref[i] = s.referenceShiftMhz();
            t[i] = s.temperatureC();
            sha.update((d[i] + "," + shift[i] + "," + text(ref[i]) + "," + text(t[i]) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        long id = repository.insertReference(cable.projectId(), cable.id(), takenAt, kind, d, shift, ref, t,
                HexFormat.of().formatHex(sha.digest()), note);
        return repository.reference(id).orElseThrow();
    }

    private static String text(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static double nanIfNull(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
