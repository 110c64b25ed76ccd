package com.goafwatch.system;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI description's title and its two ways in: HTTP Basic (users) and bearer (API tokens, JWTs). */
@Configuration
class OpenApiConfig {

    /** The OGC API's own definition, linked from its landing page as service-desc. */
    @Bean
    GroupedOpenApi ogcApi() {
        return GroupedOpenApi.builder().group("ogc").pathsToMatch("/ogcapi", "/ogcapi/**").build();
    }

    /** Everything else. */
    @Bean
    GroupedOpenApi goafWatchApi() {
        return GroupedOpenApi.builder().group("goafwatch").pathsToMatch("/api/**", "/tiles/**").build();
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
