package com.goafwatch.system;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description's title, its two ways in (HTTP Basic for users, bearer for API tokens and JWTs) and the
 * problem schema every error response of both documents refers to ({@link OpenApiProblems}).
 */
@Configuration
class OpenApiConfig {

    /** Everything but the OGC API (its own group, com.goafwatch.ogc.OgcOpenApi). */
    @Bean
    GroupedOpenApi goafWatchApi() {
        return GroupedOpenApi.builder().group("goafwatch").pathsToMatch("/api/**", "/tiles/**").build();
    }

    /** Every error response of every document a problem. */
    @Bean
    OpenApiProblems openApiProblems() {
        return new OpenApiProblems();
    }

    @Bean
    OpenAPI goafWatchOpenApi() {
        return new OpenAPI()
                .info(new Info().title("GoafWatch API").version("v1")
                        .description("Mining-subsidence remediation monitoring: parcels (PostGIS), fiber-optic and point sensor "
                                + "data (InfluxDB). Errors are RFC 9457 problem documents."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("an API token (gw_…) or, in oidc mode, a JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
