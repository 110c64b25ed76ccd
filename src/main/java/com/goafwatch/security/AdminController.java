package com.goafwatch.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.system.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Administration")
@RestController
class AdminController {

    /** Body of user create/update; {@code password} optional (generated and returned once when absent). */
    record UserRequest(String username, String role, Boolean allProjects, Boolean disabled, Set<Long> projectIds, String password) {
    }

    /** Body of token creation; {@code validDays} defaults to goafwatch.security.token-lifetime. */
    record TokenRequest(String name, String role, Long projectId, Set<Long> cableIds, Integer validDays) {
    }

    private final UserService users;
    private final TokenService tokens;
    private final SecurityProperties properties;

    AdminController(UserService users, TokenService tokens, SecurityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
    }

    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping("/api/v1/admin/users")
    List<UserService.UserView> listUsers() {
        return users.list();
    }

    @Operation(summary = "Create a local user; without a password one is generated and returned once")
    @ProjectScoped(ScopeOwner.NONE)
    @PostMapping("/api/v1/admin/users")
    ResponseEntity<UserService.Credentials> createUser(@RequestBody UserRequest r) {
        if (r.username() == null || !r.username().matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
            throw ApiException.badRequest("invalid-body", "username must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        UserService.Credentials created = users.create(r.username(), role(r.role()), Boolean.TRUE.equals(r.allProjects()),
                r.projectIds() == null ? Set.of() : r.projectIds(), r.password());
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + r.username())).body(created);
    }

    @Operation(summary = "Change a user's role, project grants, disabled flag or password (a new password ends the user's sessions)")
    @ProjectScoped(ScopeOwner.NONE)
    @PutMapping("/api/v1/admin/users/{username}")
    UserService.UserView updateUser(@PathVariable String username, @RequestBody UserRequest r) {
        return users.update(username, role(r.role()), Boolean.TRUE.equals(r.allProjects()), Boolean.TRUE.equals(r.disabled()),
                r.projectIds() == null ? Set.of() : r.projectIds(), r.password());
    }

    @Operation(summary = "Log a user out everywhere: every open browser session of the user ends at its next request")
    @ProjectScoped(ScopeOwner.NONE)
    @PostMapping("/api/v1/admin/users/{username}/logout")
    ResponseEntity<Void> logoutEverywhere(@PathVariable String username) {
        users.endSessions(username);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Create an API token; its secret is returned only in this response")
    @ProjectScoped(ScopeOwner.NONE)
    @PostMapping("/api/v1/admin/tokens")
    ResponseEntity<TokenService.CreatedToken> createToken(@RequestBody TokenRequest r) {
        if (r.name() == null || r.name().isBlank() || r.name().length() > 100) {
            throw ApiException.badRequest("invalid-body", "token name is required (at most 100 characters)");
        }
        Role role = role(r.role());
        if (role == Role.INGEST && r.projectId() == null) {
            throw ApiException.badRequest("invalid-body", "an ingest token must name its projectId");
        }
        Duration lifetime = r.validDays() == null ? properties.tokenLifetime() : Duration.ofDays(r.validDays());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.toDays() > 3660) {
            throw ApiException.badRequest("invalid-body", "validDays must be between 1 and 3660");
        }
        TokenService.CreatedToken created = tokens.create(r.name().trim(), role, r.projectId(),
                r.cableIds() == null ? Set.of() : r.cableIds(), lifetime, Actor.current());
        return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + created.token().id())).body(created);
    }

    @ProjectScoped(ScopeOwner.NONE)
    @GetMapping("/api/v1/admin/tokens")
    List<TokenService.TokenInfo> listTokens() {
        return tokens.list();
    }

    @ProjectScoped(ScopeOwner.NONE)
    @DeleteMapping("/api/v1/admin/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!tokens.revoke(id)) {
            throw ApiException.notFound("active token", id);
        }
        return ResponseEntity.noContent().build();
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> ApiException.badRequest("invalid-role",
                "role '" + text + "' must be viewer, engineer, admin or ingest"));
    }
}
