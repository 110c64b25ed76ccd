package com.goafwatch.security;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access control settings.
 *
 * @param mode                    {@code local} (users with passwords and API tokens) or {@code oidc} (JWTs
 *                                from an OIDC provider, plus API tokens for gateways)
 * @param bootstrapAdminPassword  password of the first admin created on an empty user table; when unset a
 *                                random one is generated and printed once (never a default)
 * @param tokenLifetime           default lifetime of API tokens
 * @param oidc                    claim mapping for {@code oidc} mode
 * @param verifiedPasswordTtl     how long a verified password is remembered (HTTP Basic without bcrypt per request;
 *                                a password change, disable or grant change still acts at once); 0 turns it off
 */
@ConfigurationProperties("goafwatch.security")
public record SecurityProperties(
        @DefaultValue("local") String mode,
        String bootstrapAdminPassword,
        @DefaultValue("365d") Duration tokenLifetime,
        @DefaultValue Oidc oidc,
        @DefaultValue("60s") Duration verifiedPasswordTtl) {

    /**
     * @param usernameClaim claim naming the user (audit actor)
     * @param roleClaim     claim with the role(s), dot path allowed ({@code realm_access.roles})
     * @param roleMapping   claim value → role (viewer, engineer, admin); unmapped values are ignored, the
     *                      highest mapped role wins
     * @param projectsClaim claim listing project codes the user may see, or containing {@code *}
     */
    public record Oidc(@DefaultValue("preferred_username") String usernameClaim, @DefaultValue("roles") String roleClaim,
            @DefaultValue Map<String, String> roleMapping, @DefaultValue("projects") String projectsClaim) {
    }

    public boolean oidcMode() {
        return "oidc".equalsIgnoreCase(mode);
    }
}
