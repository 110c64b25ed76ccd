package com.goafwatch.security;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Browser sessions are kept in PostgreSQL (Spring Session JDBC, tables from Flyway V74), so every instance
 * behind a balancer knows a session made on another, and signing out anywhere ends it everywhere.
 *
 * <p>Spring Session reads and writes sessions in transactions of its own, not the auditing ones: those
 * ask for the current actor, which is loaded from the very session being read, and would wait on another
 * pool connection for it, again and again until the pool was exhausted.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
