package io.siban.live;

import io.siban.common.web.ClientAddress;
import io.siban.common.problem.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands before every hall event stream, because once an SSE response has begun its status can no
 * longer change: a request with a body gets its 400 here, an unknown hall its 404 (a 503 when the hall cannot be looked up in time), and a
 * stream over the open-stream limits, per client address and per instance, its 429. A stream counts
 * from here until its response ends or its connection closes.
 */
@ApplicationScoped
public class StreamGuard {
    @Inject
    Pool pool;
    @Inject
    LiveConfig config;

    /** A stream waits no longer than this for its hall to be looked up; then it is a 503 like a failed lookup. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

    private final ConcurrentHashMap<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    void install(@Observes Router router) {
        router.getWithRegex("/api/v1/halls/([^/]+)/stream(?:/staff)?/?").order(-100).handler(this::guard);
    }

    /** Streams open on this instance (for tests and metrics). */
    public int open() {
        return open.get();
    }

    /** Streams open on this instance from one client address. */
    public int openFrom(String client) {
        AtomicInteger count = perClient.get(client);
        return count == null ? 0 : count.get();
    }

    private void guard(RoutingContext context) {
        var headers = context.request().headers();
        if (headers.contains("Transfer-Encoding") || !"0".equals(headers.get("Content-Length")) && headers.contains("Content-Length")) {
            // read the body (under the body size and time limits) before answering, so the connection is in
            // step for the client's next request
            Problem problem = Problem.of(400, "validation", "Invalid request", "a stream request carries no body");
            if (context.request().isEnded()) {
                refuse(context, problem, null);
            } else {
                context.request().body().onComplete(read -> refuse(context, problem, null));
                context.request().resume();
            }
            return;
        }
        String hall = context.pathParam("param0");
        pool.preparedQuery("select 1 from hall where code = $1").execute(Tuple.of(hall))
                .ifNoItem().after(LOOKUP_TIMEOUT).fail()
                .subscribe().with(rows -> {
            if (rows.size() == 0) {
                refuse(context, Problem.of(404, "not-found", "Not found", "hall '" + hall + "' does not exist"), null);
                return;
            }
            admit(context);
        }, failure -> refuse(context, Problem.of(503, "unavailable", "Service unavailable",
                "the hall cannot be looked up just now; try again shortly"), "5"));
    }

    private void admit(RoutingContext context) {
        String client = ClientAddress.of(context.request());
        // counted inside compute, so a count being released and removed at the same moment is never lost
        AtomicInteger mine = perClient.compute(client, (c, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        int fromClient = mine.get();
        int total = open.incrementAndGet();
        if (fromClient > config.streamsPerClient() || total > config.streamsPerInstance()) {
            release(client);
            String detail = fromClient > config.streamsPerClient()
                    ? "at most " + config.streamsPerClient() + " streams may be open from one address; close one first"
                    : "this instance has its " + config.streamsPerInstance() + " streams open; try again shortly";
            refuse(context, Problem.of(429, "rate-limited", "Too many requests", detail), "10");
            return;
        }
        context.addEndHandler(ended -> release(client));
        context.next();
    }

    private void release(String client) {
        open.decrementAndGet();
        perClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static void refuse(RoutingContext context, Problem problem, String retryAfter) {
        var response = context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(Json.encode(problem));
    }
}
