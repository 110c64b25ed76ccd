package com.goafwatch.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A field gateway uploading numbered batches in order, as the real ones do: a batch that got no 2xx (an error
 * status, a reset connection, a timeout) is sent again until one does, then the next. Records which batches
 * were accepted, by which replica (the balancer's {@value HaproxyCluster#REPLICA_HEADER}), and every failed attempt.
 * The first attempt of one chosen batch stops halfway through its body until {@link #release()}, so that a test can
 * kill the replica that is receiving it.
 */
public final class SimulatedGateway implements Runnable {

    private final URI target;
    private final String authorization;
    private final int batches;
    private final IntFunction<String> body;
    private final HttpClient client;
    private final javax.net.ssl.SSLContext tls;
    /** batch number → the replica that acknowledged it */
    public final Map<Integer, String> accepted = new ConcurrentHashMap<>();
    public final List<String> failedAttempts = new CopyOnWriteArrayList<>();
    private final int stallBatch;
    /** Counted down when the stalled batch's first half has been handed to the connection. */
    public final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /**
     * @param body       batch number → line protocol
     * @param stallBatch the batch whose first attempt stops halfway until {@link #release()} (-1: none)
     */
    public SimulatedGateway(int port, String path, int batches, IntFunction<String> body, int stallBatch) {
        this("http://127.0.0.1:" + port, null, path, batches, body, stallBatch);
    }

    /**
     * @param base where to send (http or https://host:port)
     * @param tls  for https: what the gateway trusts
     */
    public SimulatedGateway(String base, javax.net.ssl.SSLContext tls, String path, int batches, IntFunction<String> body, int stallBatch) {
        this.target = URI.create(base + path);
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.client = (tls == null ? builder : builder.sslContext(tls).version(HttpClient.Version.HTTP_1_1)).build();
        this.authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        this.batches = batches;
        this.body = body;
        this.stallBatch = stallBatch;
    }

    /** Lets the stalled batch's body go on (into a connection that may be dead by then). */
    public void release() {
        released.countDown();
    }

    @Override
    public void run() {
        for (int n = 0; n < batches; n++) {
            byte[] lines = body.apply(n).getBytes(StandardCharsets.UTF_8);
            boolean first = true;
            while (!send(n, lines, first && n == stallBatch)) {
                first = false;
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Poll.pause(100); // a gateway's back-off before resending
            }
        }
    }

    private boolean send(int n, byte[] lines, boolean stall) {
        if (stall) {
            return sendStalling(n, lines);
        }
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120))
                    .header("Authorization", authorization).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(lines)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                String replica = r.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElse("?");
                accepted.put(n, replica);
                return true;
            }
            failedAttempts.add("batch " + n + ": " + r.statusCode() + " " + r.body());
        } catch (IOException e) {
            failedAttempts.add("batch " + n + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** How many batches have been acknowledged so far. */
    public int acceptedCount() {
        return accepted.size();
    }

    /** A plain socket, or a TLS one that checks the server's name as HttpClient does. */
    private Socket open() throws IOException {
        if (tls == null) {
            return new Socket(target.getHost(), target.getPort());
        }
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(target.getHost(), target.getPort());
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /**
     * The request written by hand on a socket of its own (HttpClient may hold a body back): headers with the full
     * Content-Length and the first half of the body, then, once released, the rest; any answer but 2xx, or a
     * broken connection, is a failed attempt.
     */
    private boolean sendStalling(int n, byte[] lines) {
        try (Socket socket = open()) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: " + target.getHost() + ":"
                    + target.getPort() + "\r\nAuthorization: " + authorization + "\r\nContent-Type: text/plain\r\nContent-Length: "
                    + lines.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(lines, 0, lines.length / 2);
            out.flush();
            stalled.countDown();
            released.await(300, TimeUnit.SECONDS);
            out.write(lines, lines.length / 2, lines.length - lines.length / 2);
            out.flush();
            List<String> response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
            String status = response.isEmpty() ? "" : response.get(0);
            if (status.matches("HTTP/1\\.1 2\\d\\d.*")) {
                String replica = response.stream().filter(h -> h.regionMatches(true, 0, HaproxyCluster.REPLICA_HEADER + ":", 0,
                        HaproxyCluster.REPLICA_HEADER.length() + 1)).map(h -> h.substring(h.indexOf(':') + 1).strip()).findFirst().orElse("?");
                accepted.put(n, replica);
                return true;
            }
            failedAttempts.add("batch " + n + ": " + (status.isEmpty() ? "connection closed without an answer" : status));
        } catch (IOException e) {
            failedAttempts.add("batch " + n + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
