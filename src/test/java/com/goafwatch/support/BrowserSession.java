package com.goafwatch.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's cookie session over real HTTP: signs in through the /login form, then calls the API with the cookie. */
public final class BrowserSession {

    private final String base;
    private final HttpClient client;
    private HttpResponse<String> lastLogin;

    public BrowserSession(int port) {
        this("http://127.0.0.1:" + port, HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    /** Over HTTPS ({@code base} such as https://127.0.0.1:8443), trusting what {@code tls} trusts. */
    public BrowserSession(String base, javax.net.ssl.SSLContext tls) {
        this(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).sslContext(tls).version(HttpClient.Version.HTTP_1_1).build());
    }

    private BrowserSession(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** The same browser (its cookies) talking to another instance on this host, as behind a load balancer. */
    public BrowserSession at(int port) {
        return new BrowserSession("http://127.0.0.1:" + port, client);
    }

    /** The same browser (its cookies) at another address, e.g. a second load balancer: https://127.0.0.1:port */
    public BrowserSession at(String otherBase) {
        return new BrowserSession(otherBase, client);
    }

    /** The same browser (its cookies) on new connections that trust what {@code tls} trusts, e.g. a renewed certificate. */
    public BrowserSession trusting(javax.net.ssl.SSLContext tls) {
        return new BrowserSession(base, HttpClient.newBuilder().cookieHandler(client.cookieHandler().orElseThrow())
                .connectTimeout(Duration.ofSeconds(5)).sslContext(tls).version(HttpClient.Version.HTTP_1_1).build());
    }

    /** Posts the page's sign-out form (with the CSRF token of {@link #csrf()}). */
    public HttpResponse<String> signOut() {
        String token = csrf()[1];
        return send(HttpRequest.newBuilder(URI.create(base + "/logout")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    /** Posts the login form (with the page's CSRF token); true when the service signed the user in. */
    public boolean signIn(String username, String password) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page: " + page.body());
        }
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        lastLogin = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return lastLogin.statusCode() == 302 && !lastLogin.headers().firstValue("Location").orElse("").contains("error");
    }

    /** The response to the last login form post (status, Set-Cookie, Location). */
    public HttpResponse<String> lastLogin() {
        return lastLogin;
    }

    /** The CSRF header name and token the web page would send, from {@code GET /api/v1/session}. */
    public String[] csrf() {
        HttpResponse<String> session = get("/api/v1/session");
        String header = com.jayway.jsonpath.JsonPath.read(session.body(), "$.csrf.header");
        String token = com.jayway.jsonpath.JsonPath.read(session.body(), "$.csrf.token");
        return new String[] {header, token};
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A JSON POST riding on the session cookie, with any extra headers (name, value, …). */
    public HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
