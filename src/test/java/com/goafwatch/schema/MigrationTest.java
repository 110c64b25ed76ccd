package com.goafwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.TestPostgres;

/** The Flyway migrations on an empty database, and the named constraints they create, tested row by row. */
class MigrationTest {

    private static String database;

    @BeforeAll
    static void migrateEmptyDatabase() {
        database = TestPostgres.createDatabase("migrate");
        var result = Flyway.configure().dataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), "")
                .locations("classpath:db/migration").load().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void seed() throws SQLException {
        exec("INSERT INTO project (code, name) VALUES ('P1', 'one'), ('P2', 'two') ON CONFLICT DO NOTHING");
        exec("INSERT INTO phase (project_id, ordinal, name) SELECT id, 1, 'phase 1' FROM project ON CONFLICT DO NOTHING");
    }

    private static String square(double e, double n) {
        return "ST_Multi(ST_Transform(ST_MakeEnvelope(" + e + ", " + n + ", " + (e + 100) + ", " + (n + 100) + ", 4548), 4490))";
    }

    @Test
    void areaIsDerivedFromGeometryInGaussKruger() throws SQLException {
        seed();
        exec("INSERT INTO parcel (project_id, phase_id, code, geom) SELECT p.id, f.id, 'AREA-1', " + square(454000, 3924000)
                + " FROM project p JOIN phase f ON f.project_id = p.id WHERE p.code = 'P1'");
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT area_m2, area_mu FROM parcel WHERE code = 'AREA-1'")) {
            rs.next();
            assertThat(rs.getDouble(1)).isBetween(9999.99, 10000.01);
            assertThat(rs.getDouble(2)).isBetween(14.9999, 15.0001);
        }
        // editing the geometry moves the area with it: no stale mu
        exec("UPDATE parcel SET geom = ST_Multi(ST_Transform(ST_MakeEnvelope(454000, 3924000, 454200, 3924100, 4548), 4490)) WHERE code = 'AREA-1'");
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT area_mu FROM parcel WHERE code = 'AREA-1'")) {
            rs.next();
            assertThat(rs.getDouble(1)).isBetween(29.999, 30.001);
        }
    }

    @Test
    void constraintsRejectBadRowsByName() throws SQLException {
        seed();
        String insert = "INSERT INTO parcel (project_id, phase_id, code, status, geom) SELECT p.id, f.id, '%s', '%s', %s "
                + "FROM project p JOIN phase f ON f.project_id = p.id WHERE p.code = 'P1'";
        exec(insert.formatted("DUP", "planned", square(455000, 3924000)));
        assertViolates(insert.formatted("DUP", "planned", square(455500, 3924000)), "parcel_code_per_project_uq");
        assertViolates(insert.formatted("BOWTIE", "planned",
                "ST_SetSRID('MULTIPOLYGON(((116 35,117 36,117 35,116 36,116 35)))'::geometry, 4490)"), "parcel_geom_valid_ck");
        assertViolates(insert.formatted("BADSTATUS", "done", square(456000, 3924000)), "parcel_status_ck");
        assertViolates(insert.formatted("bad code!", "planned", square(456500, 3924000)), "parcel_code_format_ck");
        assertViolatesAny(insert.formatted("WRONGSRID", "planned", "ST_Multi(ST_MakeEnvelope(454000, 3924000, 454100, 3924100, 4548))"),
                "SRID");
        // a phase of project P2 cannot hold a parcel of project P1
        assertViolates("INSERT INTO parcel (project_id, phase_id, code, geom) SELECT p1.id, f2.id, 'CROSS', " + square(457000, 3924000)
                + " FROM project p1, project p2 JOIN phase f2 ON f2.project_id = p2.id WHERE p1.code = 'P1' AND p2.code = 'P2'",
                "parcel_phase_fk");
        assertViolates("INSERT INTO phase (project_id, ordinal, name) SELECT id, 1, 'again' FROM project WHERE code = 'P1'", "phase_ordinal_uq");
        assertViolates("INSERT INTO phase (project_id, ordinal, name) SELECT id, 0, 'zero' FROM project WHERE code = 'P1'", "phase_ordinal_ck");
        assertViolates("INSERT INTO project (code, name, survey_srid) VALUES ('P9', 'x', 3857)", "project_survey_srid_ck");
    }

    private static void assertViolates(String sql, String constraint) {
        assertThatThrownBy(() -> exec(sql)).isInstanceOf(SQLException.class).hasMessageContaining("\"" + constraint + "\"");
    }

    private static void assertViolatesAny(String sql, String messagePart) {
        assertThatThrownBy(() -> exec(sql)).isInstanceOf(SQLException.class).hasMessageContaining(messagePart);
    }
}
