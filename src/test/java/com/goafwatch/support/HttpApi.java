package com.goafwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

/** Real HTTP calls to the service under test (no MockMvc), so status codes and headers are what a client sees. */
public final class HttpApi {

    private final String base;
    private final String authorization;
    /** A deadline against a hung server, not a speed goal: a busy machine may take long to answer. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(180);
    private final HttpClient client;

    /** A client authenticated as the bootstrap admin. */
    public HttpApi(int port) {
        this("http://127.0.0.1:" + port, basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
    }

    /**
     * The bootstrap admin over HTTPS ({@code base} such as https://127.0.0.1:8443), trusting what {@code tls} trusts, on
     * HTTP/1.1 as gateways speak it: on HTTP/2 through HAProxy 2.6, Java 17's client failed on refused streams
     * (RST_STREAM REFUSED_STREAM, which it does not retry); browsers (HTTP/2) are covered by HaLiveReconnectTest.
     */
    public HttpApi(String base, javax.net.ssl.SSLContext tls) {
        this(base, basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).sslContext(tls).version(HttpClient.Version.HTTP_1_1).build());
    }

    private HttpApi(String base, String authorization, HttpClient client) {
        this.base = base;
        this.authorization = authorization;
        this.client = client;
    }

    /** The server's port. */
    public int port() {
        return URI.create(base).getPort();
    }

    /** The same server, as a local user (HTTP Basic). */
    public HttpApi as(String user, String password) {
        return new HttpApi(base, basic(user, password), client);
    }

    /** The same server, with a bearer token (API token or JWT). */
    public HttpApi bearer(String token) {
        return new HttpApi(base, "Bearer " + token, client);
    }

    /** The same server, without credentials. */
    public HttpApi anonymous() {
        return new HttpApi(base, null, client);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** multipart/form-data with one file part named {@code file}. */
    public Response postFile(String path, String fileName, byte[] content) {
        String boundary = "----goafwatch" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return postBytes(path, "multipart/form-data; boundary=" + boundary, body);
    }

    /** GET of a stream (Server-Sent Events): status and content type once the headers arrived; the body is not read. */
    public Response openStream(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().header("Accept", "text/event-stream");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<java.io.InputStream> r = client.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String contentType = r.headers().firstValue("Content-Type").orElse("");
            String body = r.statusCode() >= 400 ? new String(r.body().readAllBytes(), StandardCharsets.UTF_8) : "";
            r.body().close();
            return new Response(r.statusCode(), contentType, body, null);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with extra request headers (name, value, …), body as bytes (tiles, PDFs, spreadsheets). */
    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return client.send(b.timeout(REQUEST_DEADLINE).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(request.timeout(REQUEST_DEADLINE).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {

        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
