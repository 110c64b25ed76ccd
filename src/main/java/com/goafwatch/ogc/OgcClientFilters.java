package com.goafwatch.ogc;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.UrlHandlerFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/** Request and response adjustments OGC clients rely on, applied before security so access rules see the same path. */
@Configuration
class OgcClientFilters {

    /** The media type the landing page announces for its service-desc link (OGC API - Features Part 1, 7.2.4). */
    static final String OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0";

    /**
     * OGC clients build URLs from what the user typed: OWSLib asks for {@code /ogcapi/} and {@code /ogcapi/collections/}.
     * The request is served as if the trailing slash were absent (wrapped, not redirected, since some clients do not
     * follow redirects with credentials).
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> ogcTrailingSlash() {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/ogcapi/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/ogcapi/*");
        return registration;
    }

    /** springdoc answers application/json; the OGC API definition is served with the OpenAPI media type it is linked as. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ogcOpenApiMediaType() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(request, new HttpServletResponseWrapper(response) {
                    @Override
                    public void setContentType(String type) {
                        super.setContentType(type != null && type.startsWith("application/json") ? OPENAPI_JSON : type);
                    }

                    @Override
                    public void setHeader(String name, String value) {
                        if ("Content-Type".equalsIgnoreCase(name)) {
                            setContentType(value);
                        } else {
                            super.setHeader(name, value);
                        }
                    }

                    // Spring writes its headers with addHeader, Content-Type included
                    @Override
                    public void addHeader(String name, String value) {
                        if ("Content-Type".equalsIgnoreCase(name)) {
                            setContentType(value);
                        } else {
                            super.addHeader(name, value);
                        }
                    }
                });
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/v3/api-docs/ogc");
        return registration;
    }
}
