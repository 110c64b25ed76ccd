package com.goafwatch.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The access rules, by role (viewer &lt; engineer &lt; admin; ingest beside them) and URL; project scoping
 * comes on top ({@link ProjectScopeInterceptor}). Header-authenticated requests (Basic, Bearer) need no
 * CSRF token; browser sessions from the login form do.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig implements WebMvcConfigurer {

    private final ProjectScopeInterceptor projectScope;

    SecurityConfig(ProjectScopeInterceptor projectScope) {
        this.projectScope = projectScope;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, TokenService tokens, SecurityProperties properties,
            RateLimitFilter rateLimit, JdbcClient jdbc, LoginThrottle throttle, ProblemWriter problemWriter, RememberedBasicLogins basicLogins,
            @org.springframework.beans.factory.annotation.Value("${goafwatch.map.basemap-url:}") String basemapUrl) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(ContentSecurityPolicy.policy(basemapUrl))));
        http.authorizeHttpRequests(a -> a
                .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                        "/swagger-ui.html", "/login", "/error").permitAll()
                // the web map's code and libraries are not secret; its data comes through the API
                .requestMatchers(GET, "/app/**", "/vendor/**", "/webjars/**", "/favicon.ico").permitAll()
                .requestMatchers("/actuator/**", "/api/v1/admin/**").hasRole("ADMIN")
                .requestMatchers(POST, "/api/v1/projects/*/ingest/**").hasAnyRole("INGEST", "ENGINEER")
                .requestMatchers(GET, "/api/v1/ingest/status", "/api/v1/projects", "/api/v1/projects/*/cables", "/api/v1/cables/*",
                        "/api/v1/projects/*/sensors").hasAnyRole("INGEST", "VIEWER")
                .requestMatchers(POST, "/api/v1/projects", "/api/v1/projects/*/phases").hasRole("ADMIN")
                .requestMatchers(PUT, "/api/v1/projects/*", "/api/v1/phases/*").hasRole("ADMIN")
                .requestMatchers(DELETE, "/api/v1/projects/*", "/api/v1/phases/*").hasRole("ADMIN")
                // a channel makes the service send requests to any address it names (and holds signing secrets)
                .requestMatchers(POST, "/api/v1/projects/*/notification-channels").hasRole("ADMIN")
                .requestMatchers(POST, "/api/v1/notification-channels/*/test").hasRole("ADMIN")
                .requestMatchers(PUT, "/api/v1/notification-channels/*").hasRole("ADMIN")
                .requestMatchers(DELETE, "/api/v1/notification-channels/*").hasRole("ADMIN")
                // acceptance is the panel's decision and the criteria are project policy
                .requestMatchers(POST, "/api/v1/parcels/*/acceptance-decision", "/api/v1/phases/*/acceptance-decision").hasRole("ADMIN")
                .requestMatchers(PUT, "/api/v1/projects/*/acceptance-criteria").hasRole("ADMIN")
                .requestMatchers(GET, "/api/**", "/tiles/**", "/ogcapi", "/ogcapi/**").hasRole("VIEWER")
                .requestMatchers(POST, "/api/v1/reports/verify").hasRole("VIEWER")
                .requestMatchers("/api/**").hasRole("ENGINEER")
                .anyRequest().authenticated());
        // CSRF protects signed-in cookie sessions (and the login form); a request without one cannot be forged that way.
        // An Authorization header does not exempt a request that also rides on a signed-in session.
        http.csrf(c -> c.ignoringRequestMatchers(SecurityConfig::withoutSignedInSession));
        http.exceptionHandling(e -> e
                .defaultAuthenticationEntryPointFor(problems, PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                .defaultAuthenticationEntryPointFor(problems, PathPatternRequestMatcher.withDefaults().matcher("/tiles/**"))
                .defaultAuthenticationEntryPointFor(problems, PathPatternRequestMatcher.withDefaults().matcher("/ogcapi/**"))
                .defaultAuthenticationEntryPointFor(problems, PathPatternRequestMatcher.withDefaults().matcher("/ogcapi"))
                .accessDeniedHandler(problems));
        http.addFilterBefore(new SessionRevalidationFilter(jdbc, problems), org.springframework.security.web.csrf.CsrfFilter.class);
        http.addFilterBefore(new LoginThrottleFilter(throttle, problemWriter, tokens, properties.oidcMode() ? null : basicLogins),
                org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new ApiTokenFilter(tokens, problems, throttle), BasicAuthenticationFilter.class);
        if (!properties.oidcMode()) {
            http.addFilterBefore(new RememberedBasicFilter(basicLogins), BasicAuthenticationFilter.class);
        }
        http.addFilterAfter(rateLimit, AuthorizationFilter.class);
        if (properties.oidcMode()) {
            JwtPrincipalConverter converter = new JwtPrincipalConverter(properties.oidc(), jdbc);
            // API tokens (gw_…) are ours; every other bearer value is a JWT for the resource server
            DefaultBearerTokenResolver jwtResolver = new DefaultBearerTokenResolver();
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .bearerTokenResolver(request -> {
                        String token = jwtResolver.resolve(request);
                        return token != null && token.startsWith(TokenService.PREFIX) ? null : token;
                    })
                    .jwt(j -> j.jwtAuthenticationConverter(converter)));
        } else {
            http.httpBasic(b -> b.authenticationEntryPoint(problems));
            http.formLogin(f -> f.defaultSuccessUrl("/"));
        }
        return http.build();
    }

    private static boolean withoutSignedInSession(jakarta.servlet.http.HttpServletRequest request) {
        if ("/login".equals(request.getServletPath())) {
            return false;
        }
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        return session == null || session.getAttribute(
                org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) == null;
    }

    /** URLs the firewall refuses (encoded slashes, semicolons, …) get a problem response too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(response, org.springframework.http.HttpStatus.BAD_REQUEST, "rejected-url",
                "Bad request", "the request URL was refused: " + e.getMessage());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(projectScope).addPathPatterns("/api/**", "/ogcapi", "/ogcapi/**", "/tiles/**");
    }
}
