package com.goafwatch.acceptance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/** The project's criteria as stored (JSON); absent: the defaults. */
@Repository
class CriteriaRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    CriteriaRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    AcceptanceCriteria of(long projectId) {
        return jdbc.sql("SELECT criteria::text FROM acceptance_criteria WHERE project_id = ?").param(projectId).query(String.class)
                .optional().map(j -> mapper.readValue(j, AcceptanceCriteria.class).withDefaults()).orElse(AcceptanceCriteria.DEFAULTS);
    }

    void save(long projectId, AcceptanceCriteria criteria) {
        jdbc.sql("""
                INSERT INTO acceptance_criteria (project_id, criteria) VALUES (?, ?::jsonb)
                ON CONFLICT (project_id) DO UPDATE SET criteria = EXCLUDED.criteria, updated_at = now()""")
                .params(projectId, mapper.writeValueAsString(criteria)).update();
    }
}
