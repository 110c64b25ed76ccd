package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;
import com.jayway.jsonpath.JsonPath;

/**
 * The committed HAProxy config terminating TLS in front of two service processes ({@link HaproxyCluster}, a
 * throwaway self-signed certificate made by openssl for the run): clients that trust that certificate alone work
 * through both replicas, plain HTTP is only redirected, the session cookie is Secure, and links say https. A second
 * HAProxy on the same config serves the same session (it holds no state of its own). {@link HaLiveReconnectTest}
 * covers the map page's event stream across a killed replica.
 */
class HaHttpsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(300);
    private static HaproxyCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = HaproxyCluster.start(TestPostgres.createDatabase("hatls"), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=hatls", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A form login over HTTPS: the session cookie is Secure, HttpOnly and SameSite=Lax, the response carries HSTS;
     * OGC links name https and HAProxy's HTTPS port (the replica learnt both from X-Forwarded-Proto/-Port), also
     * when the client sends forged X-Forwarded-* headers; requests reach both replicas.
     */
    @Test
    void aClientTrustingTheCertificateSignsInAndGetsHttpsLinksFromBothReplicas() {
        BrowserSession browser = new BrowserSession(cluster.baseUrl(), cluster.tls().clientContext());
        assertThat(browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isTrue();
        HttpResponse<String> login = browser.lastLogin();
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie on the login response: " + login.headers()));
        assertThat(cookie.split(";\\s*")).as(cookie).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(login.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=63072000");
        assertThat(login.headers().firstValue("Location").orElseThrow()).as("the redirect after sign-in").startsWith(cluster.baseUrl() + "/");

        Set<String> replicas = new HashSet<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (replicas.size() < 2) {
            // forged by the client: HAProxy replaces Proto/Port and drops Host, so the replica never sees them
            HttpResponse<byte[]> r = cluster.api().getBytes("/ogcapi/collections?f=json", "X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "http", "X-Forwarded-Port", "1");
            String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(body).isEqualTo(200);
            List<String> links = JsonPath.read(body, "$..href");
            assertThat(links).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith(cluster.baseUrl() + "/"));
            replicas.add(r.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElseThrow());
            var session = browser.get("/api/v1/session");
            assertThat((String) JsonPath.read(session.body(), "$.username")).isEqualTo(TestUsers.ADMIN);
            replicas.add(session.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElseThrow());
            assertThat(System.nanoTime()).as("both replicas answered (so far %s)", replicas).isLessThan(deadline);
        }
    }

    /** The certificate is the throwaway one: a client trusting only the JDK's public CAs is refused in the handshake. */
    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNoAnswer() {
        HttpClient publicCas = HttpClient.newHttpClient();
        assertThatThrownBy(() -> publicCas.send(HttpRequest.newBuilder(URI.create(cluster.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
    }

    /** Plain HTTP reaches no replica: GET and POST are redirected (301) to the same host, path and query on the HTTPS port. */
    @Test
    void plainHttpIsRedirectedToHttps() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String http = "http://127.0.0.1:" + cluster.balancer().httpPort();
        for (HttpRequest request : List.of(HttpRequest.newBuilder(URI.create(http + "/ogcapi/collections?f=json&limit=1")).build(),
                HttpRequest.newBuilder(URI.create(http + "/login?x=1")).POST(HttpRequest.BodyPublishers.ofString("username=a")).build())) {
            HttpResponse<String> r = plain.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.toString()).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).contains(cluster.baseUrl() + request.uri().getRawPath() + "?" + request.uri().getRawQuery());
            assertThat(r.headers().firstValue(HaproxyCluster.REPLICA_HEADER)).as("answered by HAProxy itself").isEmpty();
        }
        HttpClient following = HttpClient.newBuilder().sslContext(cluster.tls().clientContext()).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> followed = following.send(HttpRequest.newBuilder(URI.create(http + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.uri().toString()).isEqualTo(cluster.baseUrl() + "/login");
    }

    /**
     * Two HAProxy processes on the committed config in front of the same two replicas, as two nodes behind keepalived
     * would be: one sign-in made through the first is honoured through the second, on both replicas, with no new
     * session cookie, and a write with the session's CSRF token goes through the second.
     */
    @Test
    void aSecondHaproxyServesTheSameSessionOnBothReplicas() {
        BrowserSession viaFirst = new BrowserSession(cluster.baseUrl(), cluster.tls().clientContext());
        assertThat(viaFirst.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isTrue();
        HaproxyCluster.Balancer second = cluster.startSecondBalancer();
        BrowserSession viaSecond = viaFirst.at(second.baseUrl());
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (seen.size() < 4) {
            for (BrowserSession via : List.of(viaFirst, viaSecond)) {
                var session = via.get("/api/v1/session");
                assertThat(session.statusCode()).isEqualTo(200);
                assertThat((String) JsonPath.read(session.body(), "$.username")).as("signed in").isEqualTo(TestUsers.ADMIN);
                assertThat(session.headers().allValues("Set-Cookie")).as("the same session").noneSatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
                seen.add((via == viaFirst ? "first " : "second ") + session.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElseThrow());
            }
            assertThat(System.nanoTime()).as("each HAProxy reached each replica (so far %s)", seen).isLessThan(deadline);
        }
        String[] csrf = viaSecond.csrf();
        var created = viaSecond.postJson("/api/v1/projects", """
                {"code": "%s", "name": "through the second HAProxy", "surveyCrs": "EPSG:4548"}""".formatted(
                com.goafwatch.support.Fixtures.uniqueCode("HA2")), csrf[0], csrf[1]);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /**
     * Certificate renewal as README "Behind HAProxy" describes it (new PEM over the configured file, then HAProxy's
     * runtime API {@code set ssl cert} / {@code commit ssl cert}; no reload): a client trusting only the new certificate
     * is served it and stays signed in with the session made before (no new session cookie, a CSRF-protected write
     * goes through); the connection opened before the renewal keeps serving the old client (it was not dropped), while
     * a new connection trusting only the old certificate is refused in the handshake.
     */
    @Test
    void aRenewedCertificateIsServedAtOnceAndASignedInSessionKeepsWorking() throws Exception {
        var before = cluster.tls();
        BrowserSession old = new BrowserSession(cluster.baseUrl(), before.clientContext());
        assertThat(old.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isTrue();
        assertThat(old.get("/api/v1/session").statusCode()).isEqualTo(200);

        var renewed = cluster.renewCertificate();
        assertThat(renewed.certificate()).isNotEqualTo(before.certificate());
        // HAProxy prints the serial's DER bytes in hex (a leading zero kept, "0A3D..."): compare numbers, not text
        String view = cluster.admin("show ssl cert " + renewed.pem());
        var servedSerial = java.util.regex.Pattern.compile("(?m)^Serial: ([0-9A-Fa-f]+)$").matcher(view);
        assertThat(servedSerial.find()).as("HAProxy's view of the file: %s", view).isTrue();
        assertThat(new java.math.BigInteger(servedSerial.group(1), 16)).as("HAProxy's view of the file: %s", view)
                .isEqualTo(renewed.certificate().getSerialNumber());

        // the browser's kept-alive connection predates the renewal: it trusts only the old certificate, so any new
        // connection would fail its handshake; an answer shows the open connection survived
        var onOldConnection = old.get("/api/v1/session");
        assertThat(onOldConnection.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(onOldConnection.body(), "$.username")).isEqualTo(TestUsers.ADMIN);

        BrowserSession renewedClient = old.trusting(renewed.clientContext());
        var session = renewedClient.get("/api/v1/session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.sslSession().orElseThrow().getPeerCertificates()[0]).as("the certificate served now").isEqualTo(renewed.certificate());
        assertThat((String) JsonPath.read(session.body(), "$.username")).as("still signed in").isEqualTo(TestUsers.ADMIN);
        assertThat(session.headers().allValues("Set-Cookie")).as("the same session").noneSatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
        String[] csrf = renewedClient.csrf();
        var created = renewedClient.postJson("/api/v1/projects", """
                {"code": "%s", "name": "after the certificate renewal", "surveyCrs": "EPSG:4548"}""".formatted(
                com.goafwatch.support.Fixtures.uniqueCode("TLS")), csrf[0], csrf[1]);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpClient trustingTheOldOnly = HttpClient.newBuilder().sslContext(before.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> trustingTheOldOnly.send(HttpRequest.newBuilder(URI.create(cluster.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.discarding())).as("a new connection trusting the old certificate").isInstanceOf(SSLHandshakeException.class);
    }
}
