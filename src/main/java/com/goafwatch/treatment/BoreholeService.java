package com.goafwatch.treatment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectExtentCheck;
import com.goafwatch.system.ApiException;

/** Validates and stores boreholes, one (JSON) or a register file at a time; a batch is all or nothing. */
@Service
public class BoreholeService {

    /** A register row ready to store. */
    private record Ready(Long existingId, Long parcelId, BoreholeDraft draft, double[] gk, List<Trajectory.Point> path) {
    }

    private final BoreholeRepository holes;

    private static final GeometryFactory COLLARS = new GeometryFactory();

    private final ProjectExtentCheck extentCheck;

    BoreholeService(BoreholeRepository holes, ProjectExtentCheck extentCheck) {
        this.holes = holes;
        this.extentCheck = extentCheck;
    }

    @Transactional
    public long create(long projectId, Map<String, String> fields, List<SurveyStation> stations, SupportedCrs crs) {
        return storeAll(projectId, List.of(new TableFile.Row(1, fields)), stations, crs, false).get(0);
    }

    @Transactional
    public void update(long id, Map<String, String> fields, List<SurveyStation> stations, SupportedCrs crs) {
        long projectId = holes.projectOf(id).orElseThrow(() -> ApiException.notFound("borehole", id));
        RowProblems problems = new RowProblems();
        Ready r = prepare(projectId, new TableFile.Row(1, fields), stations, crs, problems);
        problems.throwIfAny("borehole");
        Long other = holes.idOf(projectId, r.draft().code()).orElse(null);
        if (other != null && other != id) {
            throw ApiException.conflict("duplicate-code", "borehole code " + r.draft().code() + " is taken by borehole " + other);
        }
        holes.save(id, projectId, r.parcelId(), r.draft(), r.gk(), r.path());
    }

    @Transactional
    public boolean delete(long id) {
        return holes.delete(id);
    }

    /** A register file: one row per hole. Holes listed in a survey file keep (or get) those stations. */
    @Transactional
    public List<Long> importRegister(long projectId, List<TableFile.Row> rows, SupportedCrs crs, boolean upsert) {
        return storeAll(projectId, rows, null, crs, upsert);
    }

    /** A survey file: code, md, inclination, azimuth per row; replaces the stations of the holes named and recomputes their paths. */
    @Transactional
    public int importSurvey(long projectId, List<TableFile.Row> rows) {
        RowProblems problems = new RowProblems();
        Map<String, List<SurveyStation>> byHole = new LinkedHashMap<>();
        for (TableFile.Row row : rows) {
            Fields f = new Fields(row.fields());
            String code = f.text("code", true);
            SurveyStation s = station(f);
            f.check(code == null || holes.idOf(projectId, code).isPresent(), "no borehole '" + code + "' in this project");
            problems.add(row.number(), code, f.errors());
            if (f.errors().isEmpty()) {
                byHole.computeIfAbsent(code, k -> new ArrayList<>()).add(s);
            }
        }
        problems.throwIfAny("survey");
        RowProblems paths = new RowProblems();
        for (Map.Entry<String, List<SurveyStation>> e : byHole.entrySet()) {
            long id = holes.idOf(projectId, e.getKey()).orElseThrow();
            var stored = storedDraft(id);
            try {
                Trajectory.minimumCurvature(e.getValue(), stored.draft().measuredDepthM());
            } catch (IllegalArgumentException ex) {
                paths.add(0, e.getKey(), List.of(ex.getMessage()));
            }
        }
        paths.throwIfAny("survey");
        for (Map.Entry<String, List<SurveyStation>> e : byHole.entrySet()) {
            long id = holes.idOf(projectId, e.getKey()).orElseThrow();
            var stored = storedDraft(id);
            BoreholeDraft d = stored.draft();
            BoreholeDraft withStations = new BoreholeDraft(d.code(), d.type(), d.order(), d.x(), d.y(), d.elevationM(), d.measuredDepthM(),
                    d.depthToGoafM(), d.drilledFrom(), d.drilledTo(), d.groutedOn(), d.groutTakeM3(), d.wasteShare(), d.groutPressureMpa(),
                    d.parcelCode(), d.notes(), e.getValue());
            holes.save(id, projectId, stored.parcelId(), withStations, stored.gk(),
                    Trajectory.minimumCurvature(e.getValue(), d.measuredDepthM()));
        }
        return byHole.size();
    }

    static SurveyStation station(Fields f) {
        Double md = f.number("md m", true, 0, 2000);
        Double inc = f.number("inclination deg", true, 0, 180);
        Double azi = f.number("azimuth deg", true, 0, 360);
        return md == null || inc == null || azi == null ? null : new SurveyStation(md, inc, azi % 360);
    }

    private BoreholeRepository.StoredHole storedDraft(long id) {
        return holes.stored(id);
    }

    private List<Long> storeAll(long projectId, List<TableFile.Row> rows, List<SurveyStation> stations, SupportedCrs crs,
            boolean upsert) {
        RowProblems problems = new RowProblems();
        List<Ready> ready = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TableFile.Row row : rows) {
            Ready r = prepare(projectId, row, stations == null ? List.of() : stations, crs, problems);
            if (r == null) {
                continue;
            }
            String code = r.draft().code();
            List<String> more = new ArrayList<>();
            if (!seen.add(code)) {
                more.add("code " + code + " appears twice in this upload");
            }
            if (r.existingId() != null && !upsert) {
                more.add("borehole " + code + " already exists (use mode=upsert to replace it)");
            }
            problems.add(row.number(), code, more);
            ready.add(r);
        }
        problems.throwIfAny("boreholes");
        List<Long> ids = new ArrayList<>();
        for (Ready r : ready) {
            // an upsert keeps the stations of a hole whose register row brings none
            BoreholeDraft d = r.draft();
            if (r.existingId() != null && d.stations().isEmpty()) {
                List<SurveyStation> kept = holes.stations(r.existingId());
                d = new BoreholeDraft(d.code(), d.type(), d.order(), d.x(), d.y(), d.elevationM(), d.measuredDepthM(), d.depthToGoafM(),
                        d.drilledFrom(), d.drilledTo(), d.groutedOn(), d.groutTakeM3(), d.wasteShare(), d.groutPressureMpa(),
                        d.parcelCode(), d.notes(), kept);
                ids.add(holes.save(r.existingId(), projectId, r.parcelId(), d, r.gk(), Trajectory.minimumCurvature(kept, d.measuredDepthM())));
            } else {
                ids.add(holes.save(r.existingId(), projectId, r.parcelId(), d, r.gk(), r.path()));
            }
        }
        return ids;
    }

    /** Reads and checks one row; null (with the row's errors recorded) when it cannot be stored. */
    private Ready prepare(long projectId, TableFile.Row row, List<SurveyStation> stations, SupportedCrs crs, RowProblems problems) {
        Fields f = new Fields(row.fields());
        BoreholeDraft d = BoreholeDraft.read(f, stations);
        if (f.errors().isEmpty() && !crs.contains(new Coordinate(d.x(), d.y()))) {
            f.check(false, "collar (" + d.x() + ", " + d.y() + ") lies outside " + crs.code() + " (" + crs.rangeText() + "); is crs right?");
        }
        if (f.errors().isEmpty()) {
            extentCheck.refusal(projectId, COLLARS.createPoint(new Coordinate(d.x(), d.y())), crs.srid())
                    .ifPresent(reason -> f.check(false, "collar: " + reason));
        }
        List<Trajectory.Point> path = null;
        if (f.errors().isEmpty()) {
            try {
                path = Trajectory.minimumCurvature(stations, d.measuredDepthM());
            } catch (IllegalArgumentException e) {
                f.check(false, e.getMessage());
            }
        }
        Long parcelId = null;
        double[] gk = null;
        if (f.errors().isEmpty()) {
            gk = holes.collarInGk(d.x(), d.y(), crs);
            if (d.parcelCode() != null) {
                parcelId = holes.parcelByCode(projectId, d.parcelCode()).orElse(null);
                f.check(parcelId != null, "no parcel '" + d.parcelCode() + "' in this project");
            } else {
                parcelId = holes.parcelAt(projectId, gk[0], gk[1]).orElse(null);
            }
        }
        problems.add(row.number(), d.code(), f.errors());
        if (!f.errors().isEmpty()) {
            return null;
        }
        return new Ready(holes.idOf(projectId, d.code()).orElse(null), parcelId, d, gk, path);
    }
}
