package com.goafwatch.map;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.GoafPrincipal;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** What the web map needs at start: who is signed in, the CSRF token its writes must carry, and the basemap. */
@RestController
@Tag(name = "Map tiles")
class SessionController {

    private final ProjectAccess access;
    private final MapProperties properties;

    SessionController(ProjectAccess access, MapProperties properties) {
        this.access = access;
        this.properties = properties;
    }

    @Operation(summary = "The caller (name, role), the CSRF header for cookie sessions, and the map settings")
    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping("/api/v1/session")
    Map<String, Object> session(HttpServletRequest request) {
        GoafPrincipal p = access.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", p == null ? null : p.name());
        body.put("role", p == null ? null : p.role().name().toLowerCase(java.util.Locale.ROOT));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        body.put("csrf", csrf == null ? null : Map.of("header", csrf.getHeaderName(), "token", csrf.getToken()));
        body.put("map", Map.of("basemapUrl", properties.basemapUrl(), "basemapAttribution", properties.basemapAttribution()));
        return body;
    }
}
