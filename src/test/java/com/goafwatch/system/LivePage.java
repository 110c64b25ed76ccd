package com.goafwatch.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.TestUsers;

/** A map page's event stream ({@code …/live}, Server-Sent Events) opened through the balancer, read as it arrives. */
final class LivePage implements AutoCloseable {

    record Event(String name, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    /** The replica that holds the stream. */
    final String replica;
    private final HttpClient client;
    private final Stream<String> lines;

    /** Through the balancer's HTTPS port, trusting what {@code tls} trusts. */
    LivePage(String base, javax.net.ssl.SSLContext tls, long projectId) throws Exception {
        client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        String basic = Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + projectId + "/live"))
                .header("Authorization", "Basic " + basic).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(120, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("live stream refused: " + response.statusCode());
        }
        replica = response.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElseThrow();
        lines = response.body();
        Thread reader = new Thread(() -> {
            String[] name = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(new Event(name[0], line.substring(5).trim()));
                    }
                });
            } catch (RuntimeException closed) {
                // the stream ended with the test
            }
        }, "live-page");
        reader.setDaemon(true);
        reader.start();
    }

    long count(String name) {
        return events.stream().filter(e -> name.equals(e.name())).count();
    }

    @Override
    public void close() {
        lines.close(); // ends the request, so the replica lets the stream go
    }
}
