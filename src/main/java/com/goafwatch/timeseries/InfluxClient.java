package com.goafwatch.timeseries;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * Thin client for InfluxDB's v1 HTTP API over Spring's {@link RestClient} (JDK HttpClient underneath, HTTP/1.1:
 * InfluxDB 1.x speaks nothing else, so no HTTP/2 upgrade is attempted).
 * influxdb-client-java is not used because its write API posts to {@code /api/v2/write}, which
 * InfluxDB 1.x lacks; the v1 endpoints used here work on 1.x, 2.x and 3.x alike.
 */
@Component
public class InfluxClient {

    /** Every InfluxQL statement sent, at DEBUG (what InfluxDB's own query log shows is re-serialised). */
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InfluxClient.class);

    private final RestClient http;
    private final InfluxProperties properties;
    /** writes go straight through the JDK client (see {@link #write(byte[], int)}) */
    private final HttpClient jdk;
    private final URI writeUri;
    private final String authorization;

    InfluxClient(RestClient.Builder builder, InfluxProperties properties) {
        this.properties = properties;
        this.jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
        factory.setReadTimeout(properties.readTimeout());
        RestClient.Builder b = builder.clone().baseUrl(properties.url().toString()).requestFactory(factory);
        String auth = null;
        if (properties.username() != null && !properties.username().isBlank()) {
            String pair = properties.username() + ":" + (properties.password() == null ? "" : properties.password());
            auth = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            b.defaultHeader(HttpHeaders.AUTHORIZATION, auth);
        }
        this.authorization = auth;
        this.http = b.build();
        // database and retention policy names are restricted to [A-Za-z0-9_] (InfluxProperties): nothing to encode
        String base = properties.url().toString().replaceAll("/+$", "");
        this.writeUri = URI.create(base + "/write?db=" + properties.database()
                + (properties.manageSchema() ? "&rp=" + properties.retentionPolicy() : "") + "&precision=ms");
    }

    public InfluxProperties properties() {
        return properties;
    }

    /** @return the server's version header, e.g. {@code 1.6.7~rc0}; throws when unreachable */
    public String ping() {
        var response = http.get().uri("/ping").retrieve().toBodilessEntity();
        String version = response.getHeaders().getFirst("X-Influxdb-Version");
        return version == null ? "unknown" : version;
    }

    /**
     * Writes line protocol (millisecond timestamps) to the configured database and retention policy.
     * Throws {@link org.springframework.web.client.HttpClientErrorException} when InfluxDB refuses the
     * data itself (4xx: it will never be accepted), other exceptions when it cannot be reached.
     */
    public void write(String lineProtocol) {
        byte[] body = lineProtocol.getBytes(StandardCharsets.UTF_8);
        write(body, body.length);
    }

    /**
     * {@link #write(String)} for UTF-8 line protocol already encoded: the first {@code length} bytes of {@code body}.
     * Straight through the JDK client with the bytes as they are: RestClient's JDK request streams a body through an
     * OutputStreamPublisher, a new thread per request and a hand-off per 1 KB chunk, which cost the service more CPU
     * per written sample than everything ingestion does to the sample itself. Same outcomes as RestClient: 4xx throws
     * {@link HttpClientErrorException} (404: its NotFound), 5xx {@link HttpServerErrorException}, no answer
     * {@link ResourceAccessException}. With an operator-managed schema the database's default retention policy (2.x:
     * the DBRP default) applies.
     */
    public void write(byte[] body, int length) {
        HttpRequest.Builder request = HttpRequest.newBuilder(writeUri).timeout(properties.readTimeout())
                .header(HttpHeaders.CONTENT_TYPE, "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length));
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = jdk.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ResourceAccessException("I/O error on POST request for \"" + writeUri + "\": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAccessException("interrupted while writing to InfluxDB");
        }
        int status = response.statusCode();
        if (status >= 400) {
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            HttpStatusCode code = HttpStatusCode.valueOf(status);
            String text = code instanceof HttpStatus known ? known.getReasonPhrase() : "";
            throw status < 500 ? HttpClientErrorException.create(code, text, headers, response.body(), StandardCharsets.UTF_8)
                    : HttpServerErrorException.create(code, text, headers, response.body(), StandardCharsets.UTF_8);
        }
    }

    /** Runs an InfluxQL statement that changes the schema (CREATE DATABASE, CREATE RETENTION POLICY...). */
    public JsonNode command(String influxQl) {
        log.debug("InfluxQL command: {}", influxQl);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("q", influxQl);
        JsonNode body = http.post().uri("/query").body(form).retrieve().body(JsonNode.class);
        failOnStatementError(body, influxQl);
        return body;
    }

    /** Runs a read-only InfluxQL query against the configured database. */
    public JsonNode query(String influxQl) {
        log.debug("InfluxQL query: {}", influxQl);
        JsonNode body = http.get().uri(u -> u.path("/query").queryParam("db", "{db}").queryParam("epoch", "ms")
                .queryParam("q", "{q}").build(properties.database(), influxQl)).retrieve().body(JsonNode.class);
        failOnStatementError(body, influxQl);
        return body;
    }

    /**
     * Runs several read-only statements in one round trip (POSTed, so the text may be long); the response
     * holds one result per statement, read with {@link InfluxSeries#of(JsonNode, int)}.
     */
    public JsonNode queryAll(List<String> statements) {
        statements.forEach(s -> log.debug("InfluxQL query: {}", s));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("q", String.join(";\n", statements));
        JsonNode body = http.post().uri(u -> u.path("/query").queryParam("db", "{db}").queryParam("epoch", "ms")
                .build(properties.database())).body(form).retrieve().body(JsonNode.class);
        failOnStatementError(body, statements.isEmpty() ? "" : statements.get(0));
        return body;
    }

    private static void failOnStatementError(JsonNode body, String influxQl) {
        if (body == null) {
            throw new RestClientException("InfluxDB returned no body for: " + influxQl);
        }
        if (body.has("error")) {
            throw new RestClientException("InfluxDB error: " + body.get("error").asString());
        }
        for (JsonNode result : body.path("results")) {
            if (result.has("error")) {
                throw new RestClientException("InfluxDB error: " + result.get("error").asString());
            }
        }
    }
}
