package com.goafwatch.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The scheme, host and port that absolute links in responses start with (OGC API links, paging links), never taken
 * from the client's {@code Host} header: the configured {@code goafwatch.http.public-base-url}; else what a trusted
 * reverse proxy forwarded ({@code X-Forwarded-Proto/Host/Port}, honoured only from addresses matching
 * {@code server.tomcat.remoteip.internal-proxies}); else the local address and port the connection arrived at.
 */
@Component
public class PublicBaseUrl {

    /** Set by Tomcat's RemoteIpValve when a trusted proxy's forwarded headers were applied to the request. */
    private static final String FORWARDED = "org.apache.tomcat.request.forwarded";

    private final String configured;

    PublicBaseUrl(@Value("${goafwatch.http.public-base-url:}") String configured) {
        String trimmed = configured == null ? "" : configured.trim();
        this.configured = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The base of links in the response to {@code request}, without a trailing slash. */
    public String of(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String scheme = request.getScheme();
        String host;
        int port;
        if (Boolean.TRUE.equals(request.getAttribute(FORWARDED))) {
            host = request.getServerName();
            port = request.getServerPort();
        } else {
            host = request.getLocalAddr();
            port = request.getLocalPort();
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443) || port <= 0;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    /** For the current request, from its application context (static callers such as link builders). */
    public static String current() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        return RequestContextUtils.findWebApplicationContext(request).getBean(PublicBaseUrl.class).of(request);
    }
}
