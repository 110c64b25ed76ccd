package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.Poll;
import com.goafwatch.support.Ports;
import com.goafwatch.support.ThrowawayTls;

/**
 * Why Java's HttpClient over HTTP/2 got RST_STREAM(REFUSED_STREAM) through HAProxy, and the committed config's answer.
 * HAProxy keeps its connections to a replica open between requests and reuses them. When a replica closes such a
 * connection just as HAProxy sends a request on it (its keep-alive timeout fires at that moment, or it dies), the
 * request got no answer: an HTTP/1.1 client connection is then closed (Java's client resends a GET on a new one), but
 * an HTTP/2 client gets RST_STREAM(REFUSED_STREAM), "not processed, safe to resend" (RFC 9113 §8.7), which Java 17's
 * HttpClient does not resend. Here two stand-in replicas close every connection HAProxy reuses, so each reuse meets
 * that moment, deterministically. With the committed {@code retry-on conn-failure empty-response} HAProxy resends
 * such a GET itself on a new connection; a POST it does not resend (a replica may have processed it before dying),
 * and the HTTP/2 client still gets REFUSED_STREAM and must resend it itself.
 */
class HaHttp2Test {

    @TempDir
    Path dir;
    private final List<Process> haproxies = new ArrayList<>();
    private final List<ClosingReplica> replicas = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : haproxies) {
            p.destroy();
            p.waitFor();
        }
        for (ClosingReplica r : replicas) {
            r.close();
        }
    }

    @Test
    void getsOverHttp2AreAnsweredAlthoughEveryReusedReplicaConnectionIsClosed() throws Exception {
        Setup s = start(Files.readString(HaproxyCluster.COMMITTED_CONFIG));
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(URI.create(s.url + "/api/v1/x?i=" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isIn("app-a", "app-b");
        }
        assertThat(replicas.stream().mapToInt(c -> c.closedOnReuse.get()).sum()).as("reused connections that met a closing replica")
                .isGreaterThan(0);
    }

    @Test
    void withoutLayer7RetriesTheSameGetsMeetRefusedStream() throws Exception {
        String committed = Files.readString(HaproxyCluster.COMMITTED_CONFIG);
        String without = committed.replaceAll("(?m)^\\s*retry-on .*$", "").replaceAll("(?m)^\\s*http-request disable-l7-retry .*$", "");
        assertThat(without).as("the committed config has the retry lines").isNotEqualTo(committed);
        Setup s = start(without);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            try {
                s.client.send(HttpRequest.newBuilder(URI.create(s.url + "/api/v1/x?i=" + i)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        // Java names REFUSED_STREAM "Stream not processed"
        assertThat(failures).isNotEmpty().allSatisfy(m -> assertThat(m).contains("RST_STREAM").contains("not processed"));
    }

    @Test
    void aPostOnAReusedConnectionIsNotResentByHaproxyAndTheHttp2ClientGetsRefusedStream() throws Exception {
        Setup s = start(Files.readString(HaproxyCluster.COMMITTED_CONFIG));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try {
                HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(URI.create(s.url + "/api/v1/x?i=" + i))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                outcomes.add(String.valueOf(r.statusCode()));
            } catch (IOException e) {
                outcomes.add(e.getMessage());
            }
        }
        assertThat(outcomes).contains("200").anySatisfy(m -> assertThat(m).contains("RST_STREAM").contains("not processed"));
    }

    private record Setup(HttpClient client, String url) {
    }

    /** HAProxy on {@code config} (the committed file or a variant) in front of two closing stand-ins, both seen UP. */
    private Setup start(String config) throws Exception {
        ThrowawayTls tls = ThrowawayTls.create(dir.resolve("tls"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("app-a", "app-b")) {
            ClosingReplica r = new ClosingReplica(name);
            replicas.add(r);
            ports.put(name, r.port());
        }
        HaproxyCluster.Balancer b = new HaproxyCluster.Balancer("h2", Ports.free(), Ports.free(), dir.resolve("admin.sock"), null);
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), HaproxyCluster.forThisHost(config, b, ports));
        ProcessBuilder pb = new ProcessBuilder(HaproxyCluster.HAPROXY, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile());
        pb.environment().put("GOAFWATCH_TLS_CERT", tls.pem().toString());
        pb.environment().put("GOAFWATCH_HTTPS_PORT", String.valueOf(b.httpsPort()));
        haproxies.add(pb.start());
        Poll.until("HAProxy sees both stand-ins UP", Duration.ofSeconds(60), 100, () -> {
            long up = HaproxyCluster.admin(b, "show stat").lines().filter(l -> l.startsWith("goafwatch,app-"))
                    .filter(l -> l.split(",", -1)[17].startsWith("UP")).count();
            return up == 2;
        });
        HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new Setup(client, b.baseUrl());
    }

    /**
     * A stand-in replica on 127.0.0.1: answers the first request of a connection (200, its name) and closes the
     * connection when a second request arrives on it, as a replica whose keep-alive timeout fires just then.
     */
    static final class ClosingReplica implements AutoCloseable {

        final AtomicInteger closedOnReuse = new AtomicInteger();
        private final ServerSocket server;
        private final String name;

        ClosingReplica(String name) throws IOException {
            this.name = name;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "stand-in-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> serve(s), "stand-in-" + name + "-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                for (int n = 1; readRequest(in); n++) {
                    if (n > 1) {
                        closedOnReuse.incrementAndGet();
                        return; // closes without an answer
                    }
                    byte[] body = name.getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // HAProxy closed its side
            }
        }

        /** Reads one request (head and Content-Length body); false at the end of the connection. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int c; matched < 4; ) {
                c = in.read();
                if (c < 0) {
                    return false;
                }
                head.write(c);
                matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
            }
            long length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            in.readNBytes((int) length);
            return true;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
