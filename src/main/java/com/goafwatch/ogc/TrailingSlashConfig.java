package com.goafwatch.ogc;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * OGC clients build URLs from what the user typed: OWSLib asks for {@code /ogcapi/} and {@code /ogcapi/collections/}.
 * The request is served as if the trailing slash were absent (wrapped, not redirected, since some clients do not
 * follow redirects with credentials), before security, so access rules see the same path.
 */
@Configuration
class TrailingSlashConfig {

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> ogcTrailingSlash() {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/ogcapi/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/ogcapi/*");
        return registration;
    }
}
