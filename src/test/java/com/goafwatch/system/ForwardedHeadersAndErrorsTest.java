package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RawHttp;
import com.goafwatch.support.RunningService;

/**
 * Links and cookies do not follow what a client claims: the Host header and X-Forwarded-* from an untrusted address are
 * ignored (before the fix the Host header was echoed into OGC links); a configured public base URL or a trusted proxy
 * decides. Oversized request lines and headers are answered with problems, not Tomcat's HTML page, and so is every error
 * Spring Boot's /error forwarding answers (a bad percent-escape, TRACE), whatever the Accept header: before the fix those
 * were its "Whitelabel Error Page" for browsers and its own non-problem JSON for everyone else.
 */
class ForwardedHeadersAndErrorsTest extends IntegrationTest {

    @Test
    void theHostHeaderAndUntrustedForwardedHeadersAreNotEchoed() throws Exception {
        for (String path : List.of("/ogcapi", "/ogcapi/collections/parcels/items?limit=1", "/api/v1/parcels?limit=1")) {
            RawHttp.Reply r = RawHttp.get(port, path, RawHttp.adminAuthorization(), "Host: evil.example",
                    "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https");
            assertThat(r.status()).as(path + ": " + r.head()).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("evil.example").contains("\"http://127.0.0.1:" + port + "/");
        }
    }

    @Test
    void aClientsOwnXForwardedForIsNotItsAddress() throws Exception {
        String user = "xff-untrusted-" + System.nanoTime();
        RawHttp.Reply failed = RawHttp.get(port, "/api/v1/projects", basic(user, "wrong"), "X-Forwarded-For: 203.0.113.7");
        assertThat(failed.status()).as(failed.head()).isEqualTo(401);
        assertThat(auditedAddress(user)).as("no trusted proxy configured: the peer's address counts").isEqualTo("127.0.0.1");
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The address the sign-in audit recorded for a failed attempt of {@code user}. */
    private String auditedAddress(String user) {
        return jdbc.sql("SELECT after->>'address' FROM audit_event WHERE entity_type = 'login' AND action = 'LOGIN_FAILED' AND after->>'user' = ?")
                .param(user).query(String.class).single();
    }

    @Test
    void theSessionCookieIsSameSiteAndHttpOnly() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
    }

    @Test
    void oversizedUrlsAndHeadersAreProblems() throws Exception {
        RawHttp.Reply url = RawHttp.get(port, "/api/v1/projects?q=" + "x".repeat(20_000), RawHttp.adminAuthorization());
        assertThat(url.status()).as(url.head()).isBetween(400, 431);
        assertThat(url.header("Content-Type")).as(url.head()).startsWith("application/problem+json");
        assertThat(url.body()).contains("\"status\":" + url.status()).doesNotContain("<html");

        RawHttp.Reply header = RawHttp.get(port, "/api/v1/projects", RawHttp.adminAuthorization(), "X-Big: " + "y".repeat(20_000));
        assertThat(header.status()).as(header.head()).isBetween(400, 431);
        assertThat(header.header("Content-Type")).startsWith("application/problem+json");
        assertThat(header.body()).doesNotContain("<html");
    }

    @Test
    void aTrustedProxyOrTheConfiguredBaseUrlDecides() throws Exception {
        try (RunningService proxied = RunningService.start(RunningService.sharedServers("--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"))) {
            int p = proxied.api().port();
            RawHttp.Reply r = RawHttp.get(p, "/ogcapi", RawHttp.adminAuthorization(), "X-Forwarded-Host: maps.example.org",
                    "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9");
            assertThat(r.body()).contains("\"https://maps.example.org/ogcapi\"");
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/login"))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().allValues("Set-Cookie").toString()).as("behind TLS the cookie is Secure").contains("Secure")
                    .contains("SameSite=Lax");
            // the client is the address the trusted proxy appended (the rightmost untrusted one), not what the client wrote before it
            String user = "xff-trusted-" + System.nanoTime();
            RawHttp.Reply failed = RawHttp.get(p, "/api/v1/projects", basic(user, "wrong"), "X-Forwarded-For: 198.51.100.66, 203.0.113.9");
            assertThat(failed.status()).as(failed.head()).isEqualTo(401);
            assertThat(auditedAddress(user)).isEqualTo("203.0.113.9");
        }
        try (RunningService configured = RunningService.start(RunningService.sharedServers("--goafwatch.http.public-base-url=https://gis.example.cn/"))) {
            RawHttp.Reply r = RawHttp.get(configured.api().port(), "/ogcapi", RawHttp.adminAuthorization(), "Host: evil.example",
                    "X-Forwarded-Host: evil.example");
            assertThat(r.body()).contains("\"https://gis.example.cn/ogcapi\"").doesNotContain("evil.example");
        }
    }

    @Test
    void errorsForwardedToTheErrorPageAreProblemsWhateverTheAccept() throws Exception {
        record Case(String method, String target, boolean signedIn, int status) {
        }
        List<Case> cases = List.of(new Case("GET", "/api/v1/projects?x=%ZZ", true, 400), new Case("GET", "/api/v1/projects?x=%ZZ", false, 400),
                new Case("TRACE", "/ogcapi", false, 405), new Case("TRACE", "/api/v1/projects", true, 405));
        for (Case c : cases) {
            for (List<String> accept : List.of(List.<String>of(), List.of("Accept: text/html"),
                    List.of("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))) {
                List<String> headers = new java.util.ArrayList<>(accept);
                if (c.signedIn()) {
                    headers.add(RawHttp.adminAuthorization());
                }
                RawHttp.Reply r = RawHttp.request(port, c.method(), c.target(), headers.toArray(String[]::new));
                String what = c.method() + " " + c.target() + " " + headers + ": " + r.head() + "\n" + r.body();
                assertThat(r.status()).as(what).isEqualTo(c.status());
                assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
                assertThat(r.body()).as(what).doesNotContain("Whitelabel").doesNotContain("<html")
                        .contains("\"status\":" + c.status()).contains("\"type\":\"" + ApiException.TYPE_BASE)
                        .contains("\"title\":").contains("\"detail\":");
            }
        }
    }

    @Test
    void theLoginPageAndTheWebMapStayHtml() throws Exception {
        RawHttp.Reply login = RawHttp.get(port, "/login", "Accept: text/html");
        assertThat(login.status()).as(login.head()).isEqualTo(200);
        assertThat(login.header("Content-Type")).startsWith("text/html");
        RawHttp.Reply map = RawHttp.get(port, "/", "Accept: text/html", RawHttp.adminAuthorization());
        assertThat(map.status()).as(map.head()).isEqualTo(200);
        assertThat(map.header("Content-Type")).startsWith("text/html");
    }
}
