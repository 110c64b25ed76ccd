package com.goafwatch.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver (a real HTTP server) recording every request's {@code X-Goafwatch-Delivery} id and
 * {@code X-Goafwatch-Event}. The first request for {@link #holdEvent} is held unanswered until
 * {@link #release()}, so that the sender can be killed while it waits for the answer.
 */
final class HookReceiver implements AutoCloseable {

    record Request(long deliveryId, String event) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final String holdEvent;
    private final HttpServer server;

    HookReceiver(String holdEvent) throws IOException {
        this.holdEvent = holdEvent;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Request r = new Request(Long.parseLong(exchange.getRequestHeaders().getFirst("X-Goafwatch-Delivery")),
                    exchange.getRequestHeaders().getFirst("X-Goafwatch-Event"));
            requests.add(r);
            if (r.event().equals(holdEvent) && holding.getCount() > 0) {
                holding.countDown();
                try {
                    released.await(300, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException senderGone) {
                // the killed sender's connection is closed: the answer has no one to reach
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void release() {
        released.countDown();
    }

    /** Each delivery once, in the order first received (the receiver's de-duplication by delivery id). */
    Map<Long, String> deduplicated() {
        Map<Long, String> first = new LinkedHashMap<>();
        for (Request r : requests) {
            first.putIfAbsent(r.deliveryId(), r.event());
        }
        return first;
    }

    /** Requests that repeated a delivery id already received. */
    List<Request> duplicates() {
        List<Request> seen = new ArrayList<>();
        List<Request> repeats = new ArrayList<>();
        for (Request r : requests) {
            if (seen.stream().anyMatch(s -> s.deliveryId() == r.deliveryId())) {
                repeats.add(r);
            }
            seen.add(r);
        }
        return repeats;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
