package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Enterprise mode: an OIDC provider's JWTs (signed here with a test key whose public half the service
 * trusts), roles from a nested claim through a mapping, projects from a claim; local passwords are off,
 * gateway API tokens still work.
 */
class OidcModeTest {

    @TempDir
    static Path dir;
    private static RunningService app;
    private static KeyPair provider;
    private static HttpApi api;
    private static long p1;
    private static long p2;
    private static String p1Code;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        provider = generator.generateKeyPair();
        Path pem = dir.resolve("provider.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(provider.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        app = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + dir.resolve("spool"),
                "--goafwatch.security.mode=oidc", "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
                "--goafwatch.security.oidc.role-claim=realm_access.roles",
                "--goafwatch.security.oidc.role-mapping.gw-engineer=engineer",
                "--goafwatch.security.oidc.role-mapping.gw-viewer=viewer",
                "--goafwatch.security.oidc.role-mapping.gw-admin=admin"));
        api = app.api();
        HttpApi admin = api.bearer(jwt("boss", List.of("gw-admin"), List.of(), 300, (RSAPrivateKey) provider.getPrivate()));
        Fixtures fixtures = new Fixtures(admin);
        p1Code = Fixtures.uniqueCode("OIDC1");
        p1 = fixtures.project(p1Code);
        p2 = fixtures.project(Fixtures.uniqueCode("OIDC2"));
        fixtures.phase(p1, 1);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String jwt(String user, List<String> roles, List<String> projects, long validSeconds, RSAPrivateKey key)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("sub-" + user).claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles)).claim("projects", projects)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(validSeconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String token(String user, List<String> roles, List<String> projects) throws Exception {
        return jwt(user, roles, projects, 300, (RSAPrivateKey) provider.getPrivate());
    }

    @Test
    void rolesAndProjectsComeFromTheClaims() throws Exception {
        HttpApi engineer = api.bearer(token("li.wei", List.of("offline_access", "gw-engineer"), List.of(p1Code)));
        var imported = engineer.postJson("/api/v1/projects/" + p1 + "/parcels/import?crs=EPSG:4548&mode=upsert", Fixtures.collection(
                Fixtures.feature("O-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 10))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(engineer.get("/api/v1/projects/" + p2).status()).isEqualTo(403);
        assertThat((List<Integer>) engineer.get("/api/v1/projects").json("$[*].id")).containsExactly((int) p1);
        // the audit trail names the OIDC user
        assertThat((List<String>) engineer.get("/api/v1/audit?project=" + p1 + "&entityType=parcel&limit=1").json("$[*].actor"))
                .containsExactly("oidc:li.wei");

        HttpApi viewer = api.bearer(token("zhang.min", List.of("gw-viewer"), List.of("*")));
        assertThat(viewer.get("/api/v1/projects/" + p2).status()).isEqualTo(200);
        assertThat(viewer.postJson("/api/v1/projects/" + p1 + "/parcels/import", "{}").status()).isEqualTo(403);
    }

    @Test
    void badTokensAndLocalPasswordsAreRefused() throws Exception {
        assertThat(api.bearer(token("nobody", List.of("offline_access"), List.of("*"))).get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(api.bearer(jwt("late", List.of("gw-admin"), List.of(), -3600, (RSAPrivateKey) provider.getPrivate()))
                .get("/api/v1/projects").status()).isEqualTo(401);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var forged = api.bearer(jwt("mallory", List.of("gw-admin"), List.of(), 300, (RSAPrivateKey) generator.generateKeyPair().getPrivate()));
        var refused = forged.get("/api/v1/projects");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/projects").status()).as("HTTP Basic is off in oidc mode").isEqualTo(401);
        assertThat(api.anonymous().get("/api/v1/projects").status()).isEqualTo(401);
    }

    @Test
    void gatewayApiTokensStillWork() throws Exception {
        HttpApi admin = api.bearer(token("boss", List.of("gw-admin"), List.of()));
        var created = admin.postJson("/api/v1/admin/tokens", "{\"name\": \"gateway\", \"role\": \"viewer\", \"projectId\": " + p1 + "}");
        assertThat(created.status()).isEqualTo(201);
        HttpApi gateway = api.bearer(created.json("$.secret"));
        assertThat(gateway.get("/api/v1/projects/" + p1).status()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/projects/" + p2).status()).isEqualTo(403);
    }
}
