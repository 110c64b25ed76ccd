package com.goafwatch.treatment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.system.ApiException;

/**
 * Post-treatment QA tests: check holes (drilling-fluid loss, re-injection volume), grout-stone cores
 * (uniaxial compressive strength), borehole wave velocity and borehole TV. Each is linked to a borehole
 * and/or a parcel; a test on a borehole belongs to the borehole's parcel unless one is named.
 */
@Service
public class QaTestService {

    static final List<String> TYPES = List.of("check_hole", "core_strength", "wave_velocity", "borehole_tv");

    private record Ready(String code, String type, Long boreholeId, Long parcelId, LocalDate testedOn, String fluidLoss,
            Double reinjection, Double strength, Double velocity, Boolean defect, String notes) {
    }

    private final JdbcClient jdbc;

    QaTestService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public List<Long> importRows(long projectId, List<TableFile.Row> rows, boolean upsert) {
        RowProblems problems = new RowProblems();
        List<Ready> ready = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TableFile.Row row : rows) {
            Fields f = new Fields(row.fields());
            Ready r = read(projectId, f);
            if (r != null && !seen.add(r.code())) {
                f.check(false, "code " + r.code() + " appears twice in this upload");
            }
            if (r != null && !upsert && idOf(projectId, r.code()) != null) {
                f.check(false, "QA test " + r.code() + " already exists (use mode=upsert to replace it)");
            }
            problems.add(row.number(), f.text("code", false), f.errors());
            if (f.errors().isEmpty()) {
                ready.add(r);
            }
        }
        problems.throwIfAny("QA tests");
        List<Long> ids = new ArrayList<>();
        for (Ready r : ready) {
            Long existing = idOf(projectId, r.code());
            if (existing != null) {
                jdbc.sql("DELETE FROM qa_test WHERE id = ?").param(existing).update();
            }
            ids.add(jdbc.sql("""
                    INSERT INTO qa_test (project_id, borehole_id, parcel_id, code, test_type, tested_on, fluid_loss, reinjection_m3,
                        core_strength_mpa, wave_velocity_ms, defect_found, notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(projectId, r.boreholeId(), r.parcelId(), r.code(), r.type(), Date.valueOf(r.testedOn()), r.fluidLoss(),
                            r.reinjection(), r.strength(), r.velocity(), r.defect(), r.notes())
                    .query(Long.class).single());
        }
        return ids;
    }

    @Transactional
    public long create(long projectId, Map<String, String> fields) {
        return importRows(projectId, List.of(new TableFile.Row(1, fields)), false).get(0);
    }

    /** Replaces a test with the fields given (same checks as an import; the code may change if it stays unique). */
    @Transactional
    public void update(long id, Map<String, String> fields) {
        long projectId = jdbc.sql("SELECT project_id FROM qa_test WHERE id = ?").param(id).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("QA test", id));
        Fields f = new Fields(fields);
        Ready r = read(projectId, f);
        if (r != null) {
            Long other = idOf(projectId, r.code());
            f.check(other == null || other == id, "code " + r.code() + " is taken by QA test " + other);
        }
        RowProblems problems = new RowProblems();
        problems.add(1, f.text("code", false), f.errors());
        problems.throwIfAny("QA test");
        jdbc.sql("""
                UPDATE qa_test SET borehole_id = ?, parcel_id = ?, code = ?, test_type = ?, tested_on = ?, fluid_loss = ?, reinjection_m3 = ?,
                    core_strength_mpa = ?, wave_velocity_ms = ?, defect_found = ?, notes = ? WHERE id = ?""")
                .params(r.boreholeId(), r.parcelId(), r.code(), r.type(), Date.valueOf(r.testedOn()), r.fluidLoss(), r.reinjection(),
                        r.strength(), r.velocity(), r.defect(), r.notes(), id)
                .update();
    }

    /** The stored test as entered (its judgement is in GET /api/v1/phases/{id}/qa-tests). */
    public Map<String, Object> find(long id) {
        return jdbc.sql("""
                SELECT q.id, q.project_id AS "projectId", q.code, q.test_type AS type, b.code AS borehole, p.code AS parcel,
                       q.tested_on AS "testedOn", q.fluid_loss AS "fluidLoss", q.reinjection_m3 AS "reinjectionM3",
                       q.core_strength_mpa AS "coreStrengthMpa", q.wave_velocity_ms AS "waveVelocityMs", q.defect_found AS "defectFound", q.notes
                FROM qa_test q LEFT JOIN borehole b ON b.id = q.borehole_id LEFT JOIN parcel p ON p.id = COALESCE(q.parcel_id, b.parcel_id)
                WHERE q.id = ?""").param(id).query().listOfRows().stream().findFirst().orElseThrow(() -> ApiException.notFound("QA test", id));
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM qa_test WHERE id = ?").param(id).update() == 0) {
            throw ApiException.notFound("QA test", id);
        }
    }

    private Long idOf(long projectId, String code) {
        return jdbc.sql("SELECT id FROM qa_test WHERE project_id = ? AND code = ?").params(projectId, code).query(Long.class).optional()
                .orElse(null);
    }

    /** The row's test, or null with the errors left in {@code f}. */
    private Ready read(long projectId, Fields f) {
        String code = f.text("code", true);
        f.check(code == null || BoreholeDraft.CODE.matcher(code).matches(), "code '" + code + "' must be 1-64 letters, digits, '.', '_' or '-'");
        String type = f.oneOf("type", true, TYPES);
        f.check(f.text("tested on", false) != null, "tested on is missing");
        LocalDate testedOn = f.date("tested on");
        String holeCode = f.text("borehole", false);
        String parcelCode = f.text("parcel", false);
        Long boreholeId = null;
        Long parcelId = null;
        if (holeCode != null) {
            var hole = jdbc.sql("SELECT id, parcel_id FROM borehole WHERE project_id = ? AND code = ?").params(projectId, holeCode)
                    .query((rs, i) -> new Long[] {rs.getLong(1), (Long) rs.getObject(2)}).optional();
            f.check(hole.isPresent(), "no borehole '" + holeCode + "' in this project");
            if (hole.isPresent()) {
                boreholeId = hole.get()[0];
                parcelId = hole.get()[1];
            }
        }
        if (parcelCode != null) {
            parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = ?").params(projectId, parcelCode).query(Long.class)
                    .optional().orElse(null);
            f.check(parcelId != null, "no parcel '" + parcelCode + "' in this project");
        }
        f.check(holeCode != null || parcelCode != null, "name the borehole or the parcel the test belongs to");
        String fluid = null;
        Double reinjection = null;
        Double strength = null;
        Double velocity = null;
        Boolean defect = null;
        if ("check_hole".equals(type)) {
            fluid = f.oneOf("fluid loss", true, List.of("none", "minor", "major"));
            reinjection = f.number("reinjection m3", true, 0, 1e6);
        } else if ("core_strength".equals(type)) {
            strength = f.number("core strength MPa", true, 0.01, 199);
        } else if ("wave_velocity".equals(type)) {
            velocity = f.number("wave velocity ms", true, 1, 7999);
        } else if ("borehole_tv".equals(type)) {
            defect = f.bool("defect found", true);
        }
        return f.errors().isEmpty() ? new Ready(code, type, boreholeId, parcelId, testedOn, fluid, reinjection, strength, velocity, defect,
                f.text("notes", false)) : null;
    }
}
