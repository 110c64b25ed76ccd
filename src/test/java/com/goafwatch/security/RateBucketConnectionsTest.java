package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The rate-limit buckets' own pool commits asynchronously, and only it: the application's pool it was copied from
 * keeps PostgreSQL's durable default (asked of the server with SHOW, not of the pool's configuration).
 */
class RateBucketConnectionsTest {

    @Test
    void onlyTheBucketPoolCommitsWithoutWaitingForTheWalFlush() throws Exception {
        try (HikariDataSource application = new HikariDataSource()) {
            application.setJdbcUrl(TestPostgres.sharedJdbcUrl());
            application.setUsername(TestPostgres.user());
            application.setMaximumPoolSize(2);
            DataSource buckets = RateBucketConnections.asyncCommitting(application);
            try {
                assertThat(buckets).isNotSameAs(application);
                assertThat(synchronousCommit(buckets)).isEqualTo("off");
                assertThat(synchronousCommit(application)).isEqualTo("on");
                // taken again from the pool, still off (the setting is the session's, made when it connects)
                assertThat(synchronousCommit(buckets)).isEqualTo("off");
            } finally {
                RateBucketConnections.close(buckets, application);
            }
            assertThat(((HikariDataSource) buckets).isClosed()).isTrue();
            assertThat(application.isClosed()).as("the application's pool is left alone").isFalse();
        }
    }

    private static String synchronousCommit(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
