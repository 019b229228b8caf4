package io.siban.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real text/event-stream client: reads events off the wire into a queue. */
public final class SseClient implements AutoCloseable {
    public record Event(long id, String type, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;
    private volatile boolean closed;
    private final CompletableFuture<String> refused = new CompletableFuture<>();

    public SseClient(URI uri, String lastEventId) {
        this(uri, lastEventId, java.util.Map.of());
    }

    /** A stream request with extra headers, e.g. Authorization for the staff stream. */
    public SseClient(URI uri, String lastEventId, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        headers.forEach(request::header);
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            lines = r.body();
            if (r.statusCode() != 200) {
                refused.complete(String.join("\n", lines.toList()));
                return;
            }
            if (closed) {
                // closed before the response arrived: let the server see the connection go
                lines.close();
                return;
            }
            String[] current = new String[3];
            try {
                lines.forEach(line -> {
                    if (line.startsWith("id:")) {
                        current[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        current[2] = line.substring(5).trim();
                    } else if (line.isEmpty() && current[0] != null) {
                        events.add(new Event(Long.parseLong(current[0]), current[1], current[2]));
                        current[0] = current[1] = current[2] = null;
                    }
                });
            } catch (RuntimeException closed) {
                // the stream was closed by us or the server
            }
        });
    }

    /** The response's body when the server refused the stream (a problem+json), read once the status is known. */
    public String refusal(Duration timeout) throws Exception {
        HttpResponse<Stream<String>> r = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return r.statusCode() == 200 ? null : refused.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public java.util.Optional<String> header(String name, Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).headers().firstValue(name);
    }

    public int status(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    /** The next event of the given type, skipping others; null on time-out. */
    public Event next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (type == null || type.equals(e.type())) {
                return e;
            }
        }
        return null;
    }

    /** Every event received within the window. */
    public List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        Event e;
        while ((e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(e);
        }
        return all;
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        response.cancel(true);
    }
}
