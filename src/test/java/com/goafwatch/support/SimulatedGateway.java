package com.goafwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A field gateway uploading numbered batches in order, as the real ones do: a batch that got no 2xx (an error
 * status, a reset connection, a timeout) is sent again until one does, then the next. Records which batches
 * were accepted, by which replica (the balancer's {@value HaproxyCluster#REPLICA_HEADER}), and every failed attempt.
 */
public final class SimulatedGateway implements Runnable {

    private final URI target;
    private final String authorization;
    private final int batches;
    private final IntFunction<String> body;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** batch number → the replica that acknowledged it */
    public final Map<Integer, String> accepted = new ConcurrentHashMap<>();
    public final List<String> failedAttempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger lastAccepted = new AtomicInteger(-1);
    private volatile String lastReplica;

    /** @param body batch number → line protocol */
    public SimulatedGateway(int port, String path, int batches, IntFunction<String> body) {
        this.target = URI.create("http://127.0.0.1:" + port + path);
        this.authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        this.batches = batches;
        this.body = body;
    }

    @Override
    public void run() {
        for (int n = 0; n < batches; n++) {
            byte[] lines = body.apply(n).getBytes(StandardCharsets.UTF_8);
            while (!send(n, lines)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Poll.pause(100); // a gateway's back-off before resending
            }
        }
    }

    private boolean send(int n, byte[] lines) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120))
                    .header("Authorization", authorization).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(lines)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                String replica = r.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElse("?");
                accepted.put(n, replica);
                lastReplica = replica;
                lastAccepted.set(n);
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

    /** The replica that acknowledged the latest batch. */
    public String lastReplica() {
        return lastReplica;
    }
}
