package com.goafwatch.security;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import com.goafwatch.system.ApiException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks the project of every {@code /api}, {@code /ogcapi} and {@code /tiles} request before its handler runs, as the
 * handler's {@link ProjectScoped} declares it. A handler without a declaration is refused (403): access fails closed.
 * An id that does not exist passes, so the handler answers 404.
 */
@Component
class ProjectScopeInterceptor implements HandlerInterceptor {

    private final ProjectAccess access;
    private final JdbcClient jdbc;

    ProjectScopeInterceptor(ProjectAccess access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static resources
        }
        ProjectScoped scope = method.getMethodAnnotation(ProjectScoped.class);
        if (scope == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "undeclared-scope", "Forbidden", "this endpoint declares no project scope "
                    + "(@ProjectScoped on " + method.getBeanType().getSimpleName() + "." + method.getMethod().getName()
                    + "), so nobody may call it");
        }
        if (access.current() == null) {
            return true; // the filter chain let an unauthenticated request through: a public endpoint
        }
        projectOf(scope, request).ifPresent(access::require);
        return true;
    }

    private Optional<Long> projectOf(ProjectScoped scope, HttpServletRequest request) {
        return switch (scope.value()) {
            case NONE -> Optional.empty();
            case QUERY_FILTER -> number(request.getParameter(scope.param()));
            case PROJECT -> number(pathVariable(request, scope.param()));
            default -> number(pathVariable(request, scope.param()))
                    .flatMap(id -> jdbc.sql(scope.value().ownerQuery()).param(id).query(Long.class).optional());
        };
    }

    private static String pathVariable(HttpServletRequest request, String name) {
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String value = vars == null ? null : vars.get(name);
        if (value == null) {
            // a declaration naming a variable the path does not have would check nothing: refuse instead
            throw new ApiException(HttpStatus.FORBIDDEN, "undeclared-scope", "Forbidden",
                    "this endpoint's project scope names a path variable '" + name + "' it does not have");
        }
        return value;
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // the handler answers 400
        }
    }
}
