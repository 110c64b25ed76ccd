package com.goafwatch.security;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/** Beans needed with and without the web server (the create-user command runs without one). */
@Configuration
class SecurityBeans {

    /**
     * No Micrometer observations of Spring Security's filters, authentications and authorizations: with the actuator's
     * registry present every filter of the chain was wrapped in an observation (about a tenth of the service's CPU per
     * single-feature request, JFR and process CPU time; README "MapServer side by side"). Nothing reads them; the
     * {@code http.server.requests} metrics stay.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("ENGINEER").role("ENGINEER").implies("VIEWER").build();
    }

    /** bcrypt (delegating, so old hashes stay readable), with verified matches remembered for a minute: see VerifiedPasswordCache. */
    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(), properties.verifiedPasswordTtl(), 10_000,
                com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    }

    /** Every transaction carries the actor for the audit triggers. */
    @Bean
    @org.springframework.context.annotation.Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new AuditingTransactionManager(dataSource);
    }

}
