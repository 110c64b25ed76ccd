package com.goafwatch.security;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import com.goafwatch.system.ApiException;

/**
 * The last check of a remembered API token or HTTP Basic login ({@link TokenProof}): a response about to be written while the request's token
 * was not confirmed by a statement (an error answered before the data was read: a bad address or parameter, an unknown
 * layer, project, collection or feature id) reads the token now, and becomes the 401 of a revoked or expired token if it no longer holds. Every response
 * with a body passes here, error responses included.
 */
@ControllerAdvice
class PendingTokenAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        TokenProof proof = TokenProof.pendingOn(servlet.getServletRequest());
        if (proof == null) {
            return body;
        }
        Optional<Duration> wait = proof.throttled(); // no statement checked the login throttle either
        if (wait.isPresent()) {
            long seconds = LoginThrottle.retryAfterSeconds(wait.get());
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders().set("Retry-After", String.valueOf(seconds));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, LoginThrottle.detail(seconds));
            problem.setTitle("Too many failed sign-ins");
            problem.setType(URI.create(ApiException.TYPE_BASE + "login-throttled"));
            return problem;
        }
        if (proof.reconfirm()) {
            return body;
        }
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set("WWW-Authenticate", "Basic realm=\"goafwatch\", Bearer");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "unknown, revoked or expired credentials");
        problem.setTitle("Unauthorized");
        problem.setType(URI.create(ApiException.TYPE_BASE + "unauthorized"));
        return problem;
    }
}
