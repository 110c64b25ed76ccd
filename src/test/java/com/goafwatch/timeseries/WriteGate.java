package com.goafwatch.timeseries;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A proxy in front of InfluxDB that shows whether writes are really in flight at once: {@code /write} requests are held
 * until {@code holdUntil} of them are open together (or {@code maxHold} passed, so a sequential client is not stuck
 * for ever: it just never reaches the count), then all go on; the first write holding the line {@code refuse} is
 * answered 503 without reaching InfluxDB (a lane failing while the others succeed). Records the largest number of
 * writes open at once.
 */
final class WriteGate implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final int holdUntil;
    private final long maxHoldMillis;
    private final String refuse;
    private int open;
    private int maxOpen;
    private boolean gateOpen;
    private int refused;

    WriteGate(String target, int holdUntil, long maxHoldMillis, String refuse) throws IOException {
        this.target = target;
        this.refuse = refuse;
        this.holdUntil = holdUntil;
        this.maxHoldMillis = maxHoldMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized int maxOpen() {
        return maxOpen;
    }

    synchronized int refused() {
        return refused;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean write = exchange.getRequestURI().getPath().equals("/write");
        if (write && !admit(new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(refuse))) {
            // counted as ended before the client can see the answer: it may send its next write at once (a resend)
            finished();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        boolean counted = !write;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (!counted) {
                counted = true;
                finished(); // before the answer goes back, as above
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            response.headers().firstValue("X-Influxdb-Version").ifPresent(v -> exchange.getResponseHeaders().set("X-Influxdb-Version", v));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            if (!counted) {
                finished();
            }
            exchange.close();
        }
    }

    /** Waits at the gate; false for the first write holding the line to refuse. */
    private synchronized boolean admit(boolean holdsRefused) {
        open++;
        maxOpen = Math.max(maxOpen, open);
        if (open >= holdUntil) {
            gateOpen = true;
            notifyAll();
        }
        long end = System.currentTimeMillis() + maxHoldMillis;
        while (!gateOpen && System.currentTimeMillis() < end) {
            try {
                wait(Math.max(1, end - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (holdsRefused && refused == 0) {
            refused++;
            return false;
        }
        return true;
    }

    private synchronized void finished() {
        open--;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
