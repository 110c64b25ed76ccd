package com.goafwatch.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/** dryRun=true on the table imports: the same answer as the import, nothing in the database; the import then writes. */
class ImportDryRunApiTest extends IntegrationTest {

    private static final String REGISTER = """
            code,type,order,easting,northing,measured_depth_m,grouted_on,grout_take_m3,waste_share
            G-1,grouting,1,454030,3924030,80,2020-05-01,120.5,0.3
            K-1,check,,454040,3924040,80,,,
            """;
    private static final String QA = """
            code,type,borehole,tested_on,core_strength_mpa
            Q-1,core_strength,K-1,2020-09-02,11.5
            """;

    private long project;

    @BeforeEach
    void project() {
        project = fixtures().project(Fixtures.uniqueCode("WBDRY"));
        fixtures().phase(project, 1);
    }

    private long rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE project_id = ?").param(project).query(Long.class).single();
    }

    @Test
    void boreholeRegisterAndQaTestsDryRunWriteNothing() {
        String p = "/api/v1/projects/" + project;
        var dry = api().postBytes(p + "/boreholes/import?crs=EPSG:4548&dryRun=true", "text/csv", REGISTER.getBytes());
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.<Number>json("$.boreholes").intValue()).isEqualTo(2);
        assertThat(rows("borehole")).isZero();

        var real = api().postBytes(p + "/boreholes/import?crs=EPSG:4548", "text/csv", REGISTER.getBytes());
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(rows("borehole")).isEqualTo(2);

        var qaDry = api().postBytes(p + "/qa-tests/import?dryRun=true", "text/csv", QA.getBytes());
        assertThat(qaDry.status()).as(qaDry.toString()).isEqualTo(200);
        assertThat(qaDry.<Number>json("$.qaTests").intValue()).isEqualTo(1);
        assertThat(rows("qa_test")).isZero();
        assertThat(api().postBytes(p + "/qa-tests/import", "text/csv", QA.getBytes()).status()).isEqualTo(200);
        assertThat(rows("qa_test")).isEqualTo(1);

        var again = api().postBytes(p + "/qa-tests/import?dryRun=true", "text/csv", QA.getBytes());
        assertThat(again.status()).as("a dry run refuses what the import would: Q-1 exists").isEqualTo(422);
        assertThat(again.body()).contains("Q-1");
    }
}
