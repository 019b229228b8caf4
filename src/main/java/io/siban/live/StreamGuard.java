package io.siban.live;

import io.siban.common.RateLimit;
import io.siban.common.web.ClientAddress;
import io.siban.common.problem.Problem;
import io.siban.queue.TicketKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands before every event stream, the halls' and the tickets', because once an SSE response has
 * begun its status can no longer change: a request with a body gets its 400 here, an unknown hall or
 * ticket its 404 (a 503 when it cannot be looked up in time), a ticket's stream with a wrong key its
 * 403 and one with neither key nor token its 401 (a token's hall is checked by the resource, before
 * it starts the stream), and a stream over the open-stream limits, per client address and per
 * instance, its 429. Ticket streams have their own limits, per instance and per address (a hall has
 * thousands of phones, often behind one NAT, and they must not use up its screens' place), at most a
 * few per ticket, and a ticket stream is also limited in how many one address opens a minute (in Redis, for every instance together), so a loop of reconnects cannot hammer the
 * ticket lookups. A stream counts from here until its response ends or its
 * connection closes.
 */
@ApplicationScoped
public class StreamGuard {
    @Inject
    Pool pool;
    @Inject
    LiveConfig config;
    @Inject
    TicketStreamStore tickets;
    @Inject
    TicketKeys keys;
    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    /** Ticket streams opened per client address and minute, on every instance together (phones reconnecting behind one NAT). */
    private RateLimit opens;

    /** Where the guard leaves a ticket stream's hall for its resource. */
    static final String TICKET_HALL = "siban.ticket-stream.hall";

    /** A stream waits no longer than this for its hall to be looked up; then it is a 503 like a failed lookup. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

    private final ConcurrentHashMap<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> ticketsPerClient = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perTicket = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger openTickets = new AtomicInteger();

    void install(@Observes Router router) {
        opens = new RateLimit(redis, Duration.ofMinutes(1), Duration.ofMinutes(5));
        router.getWithRegex("/api/v1/halls/([^/]+)/stream(?:/staff)?/?").order(-100).handler(this::guard);
        router.getWithRegex("/api/v1/tickets/([^/]+)/events/?").order(-100).handler(this::guardTicket);
    }

    /** Ticket streams open on this instance. */
    public int openTicketStreams() {
        return openTickets.get();
    }

    /** Streams open on this instance (for tests and metrics). */
    public int open() {
        return open.get();
    }

    /** Hall streams open on this instance from one client address. */
    public int openFrom(String client) {
        AtomicInteger count = perClient.get(client);
        return count == null ? 0 : count.get();
    }

    /** Ticket streams open on this instance from one client address. */
    public int openTicketStreamsFrom(String client) {
        AtomicInteger count = ticketsPerClient.get(client);
        return count == null ? 0 : count.get();
    }

    private void guard(RoutingContext context) {
        if (refusedForBody(context)) {
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
            admit(context, new Limits(open, config.streamsPerInstance(), perClient, config.streamsPerClient(), null));
        }, failure -> unavailable(context));
    }

    private void guardTicket(RoutingContext context) {
        if (refusedForBody(context)) {
            return;
        }
        String id = context.pathParam("param0");
        UUID ticket = ticketId(id);
        if (ticket == null) {
            refuse(context, Problem.of(404, "not-found", "Not found", "ticket '" + id + "' does not exist"), null);
            return;
        }
        String key = presentedKey(context.request().getHeader("X-Ticket-Key"), context.request().getParam("key"));
        if (key == null && context.request().getHeader("Authorization") == null) {
            refuse(context, Problem.of(401, "unauthorized", "Unauthorized",
                    "give the ticket's key (?key= or X-Ticket-Key), or a staff token"), null);
            return;
        }
        String client = ClientAddress.of(context.request());
        opens.hit(new RateLimit.Count("siban:ticket-stream-opens:{" + client + "}", config.ticketStreamOpensPerMinute()))
                .chain(wait -> {
                    if (wait != null) {
                        refuse(context, Problem.of(429, "rate-limited", "Too many requests",
                                "too many ticket streams opened from this address; wait before opening more"), Long.toString(wait.toSeconds()));
                        return Uni.createFrom().<String>nullItem();
                    }
                    return tickets.hallOf(ticket).ifNoItem().after(LOOKUP_TIMEOUT).fail()
                            .invoke(hall -> admitTicket(context, id, ticket, key, hall));
                })
                .subscribe().with(ignored -> { }, failure -> unavailable(context));
    }

    private void admitTicket(RoutingContext context, String id, UUID ticket, String key, String hall) {
        if (hall == null) {
            refuse(context, Problem.of(404, "not-found", "Not found", "ticket '" + id + "' does not exist"), null);
        } else if (key != null && !keys.matches(ticket, key)) {
            refuse(context, Problem.of(403, "forbidden", "Forbidden", "this is not the ticket's key"), null);
        } else {
            context.put(TICKET_HALL, hall);
            admit(context, new Limits(openTickets, config.ticketStreamsPerInstance(), ticketsPerClient, config.ticketStreamsPerClient(),
                    ticket.toString()));
        }
    }

    /** A ticket id as given in a path, or null when it is none. */
    static UUID ticketId(String id) {
        try {
            return id == null || id.length() != 36 ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The ticket's key from its header, else from the query; null when neither gives one. */
    static String presentedKey(String header, String query) {
        String key = header != null && !header.isBlank() ? header : query;
        return key == null || key.isBlank() ? null : key;
    }

    private static void unavailable(RoutingContext context) {
        refuse(context, Problem.of(503, "unavailable", "Service unavailable", "the stream cannot be set up just now; try again shortly"), "5");
    }

    /** Whether a request with a body was refused (400): a stream request carries none. */
    private static boolean refusedForBody(RoutingContext context) {
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
            return true;
        }
        return false;
    }

    /** The counters a stream is admitted by: its kind's on the instance and per address, and per ticket (null for a hall's). */
    private record Limits(AtomicInteger instance, int instanceLimit, ConcurrentHashMap<String, AtomicInteger> clients, int clientLimit,
                          String ticket) {
    }

    private void admit(RoutingContext context, Limits limits) {
        String client = ClientAddress.of(context.request());
        int fromClient = take(limits.clients(), client);
        int ofTicket = limits.ticket() == null ? 0 : take(perTicket, limits.ticket());
        int total = limits.instance().incrementAndGet();
        String refused = fromClient > limits.clientLimit()
                ? "at most " + limits.clientLimit() + " such streams may be open from one address; close one first"
                : ofTicket > config.ticketStreamsPerTicket()
                ? "at most " + config.ticketStreamsPerTicket() + " streams may follow one ticket; close one first"
                : total > limits.instanceLimit() ? "this instance has its " + limits.instanceLimit() + " streams open; try again shortly" : null;
        if (refused != null) {
            release(client, limits);
            refuse(context, Problem.of(429, "rate-limited", "Too many requests", refused), "10");
            return;
        }
        context.addEndHandler(ended -> release(client, limits));
        context.next();
    }

    /** Counts one more under the key, inside compute, so a count being released and removed at the same moment is never lost. */
    private static int take(ConcurrentHashMap<String, AtomicInteger> counts, String key) {
        return counts.compute(key, (k, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        }).get();
    }

    private static void give(ConcurrentHashMap<String, AtomicInteger> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void release(String client, Limits limits) {
        limits.instance().decrementAndGet();
        give(limits.clients(), client);
        if (limits.ticket() != null) {
            give(perTicket, limits.ticket());
        }
    }

    private static void refuse(RoutingContext context, Problem problem, String retryAfter) {
        var response = context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(Json.encode(problem));
    }
}
