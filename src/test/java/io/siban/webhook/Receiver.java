package io.siban.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver for the tests: records every request it gets (headers, body, arrival), and
 * answers with the status its rule gives for the n-th request (1 = the first), after a delay if set.
 */
final class Receiver implements AutoCloseable {
    record Received(String id, String timestamp, String signature, String contentType, String body, long arrivedAtMillis, int answered) {
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    volatile IntUnaryOperator status;
    volatile long delayMillis;
    volatile String answerBody = "";
    volatile String location;
    /** Set when writing an answer failed: the sender stopped reading it and closed the connection. */
    volatile boolean answerCut;

    Receiver(IntUnaryOperator status) throws IOException {
        this.status = status;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = count.incrementAndGet();
            int answer = this.status.applyAsInt(n);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), exchange.getRequestHeaders().getFirst("content-type"),
                    new String(body, StandardCharsets.UTF_8), System.currentTimeMillis(), answer));
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] out = answerBody.getBytes(StandardCharsets.UTF_8);
                if (location != null) {
                    exchange.getResponseHeaders().add("Location", location);
                }
                exchange.sendResponseHeaders(answer, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (IOException e) {
                answerCut = true;
            } catch (InterruptedException e) {
                // the sender gave up on us: as a receiver that went away
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static Receiver healthy() throws IOException {
        return new Receiver(n -> 200);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/in?src=siban";
    }

    /** The requests answered 2xx. */
    List<Received> delivered() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
