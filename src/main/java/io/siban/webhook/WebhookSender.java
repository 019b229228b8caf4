package io.siban.webhook;

import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.outbox.HallEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends deliveries, one lane per subscription: an instance claims a lane whose head is due (a lease
 * row, so one instance sends it at a time; renewed with every recorded attempt), then sends its
 * deliveries one at a time in order, recording each outcome before the next; the first that fails
 * ends the run (its retry is the new head, so order holds), and the lane is let go. No PostgreSQL
 * connection or lock is held during a call; each call has a deadline; at most
 * {@code lanes-per-instance} lanes run at once on an instance, so a slow receiver holds its own lane
 * only. Woken after a fan-out that made deliveries, and by the sweep (retries falling due).
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    /** Bytes of an answer read at most; the first {@link #EXCERPT} characters are kept as its error. */
    static final int READ_AT_MOST = 64 * 1024;
    static final int EXCERPT = 500;

    @Inject
    Vertx vertx;
    @Inject
    WebhookStore store;
    @Inject
    WebhookConfig config;
    @Inject
    OutboundGuard guard;
    @Inject
    PersonalData sealing;
    @Inject
    Clocks clocks;
    @Inject
    WebhookMeters meters;

    private final String holder = "siban-" + UUID.randomUUID();
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    private final AtomicLong wakes = new AtomicLong();
    private volatile boolean stopped;
    private HttpClient client;
    private Backoff backoff;

    @PostConstruct
    void start() {
        backoff = new Backoff(config.retryBase(), config.retryCap(), config.giveUpAfter());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(4, config.lanesPerInstance()))
                .setForceSni(true));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        client.close();
    }

    /** What one attempt came to. */
    record Outcome(boolean delivered, Integer status, String error) {
    }

    private static final class Lane {
        final UUID id;
        final Deque<Row> queue = new ArrayDeque<>();
        long seen;

        Lane(UUID id) {
            this.id = id;
        }
    }

    /** Claims the lanes due, now or right after the claim in progress. */
    public void wake() {
        wakes.incrementAndGet();
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return;
        }
        claim().subscribe().with(ignored -> claimed(), failure -> {
            LOG.warnf("webhook lanes not claimed: %s", failure.toString());
            claimed();
        });
    }

    private void claimed() {
        claiming.set(false);
        if (claimAgain.getAndSet(false)) {
            wake();
        }
    }

    private Uni<Void> claim() {
        int free = config.lanesPerInstance() - lanes.size();
        if (free <= 0) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = clocks.now();
        return store.claim(holder, now.plus(config.lease()), now, lanes.keySet().toArray(UUID[]::new), free)
                .invoke(claimed -> claimed.forEach(this::run))
                .replaceWithVoid();
    }

    private void run(UUID id) {
        Lane lane = new Lane(id);
        if (lanes.putIfAbsent(id, lane) != null) {
            return;
        }
        Multi.createBy().repeating().uni(() -> step(lane)).whilst(more -> more)
                .collect().last()
                .onFailure().invoke(failure -> LOG.warnf("webhook lane stopped: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> store.release(id, holder))
                .subscribe().with(ignored -> letGo(lane), failure -> letGo(lane));
    }

    /** A lane let go: if events arrived since it last looked, they may be its own, so claim again. */
    private void letGo(Lane lane) {
        lanes.remove(lane.id);
        if (wakes.get() != lane.seen) {
            wake();
        }
    }

    /** Sends the lane's head; emits whether to go on with the next. */
    private Uni<Boolean> step(Lane lane) {
        if (stopped) {
            return Uni.createFrom().item(false);
        }
        if (lane.queue.isEmpty()) {
            lane.seen = wakes.get();
            return store.head(lane.id).chain(rows -> {
                rows.forEach(lane.queue::add);
                return lane.queue.isEmpty() ? Uni.createFrom().item(false) : step(lane);
            });
        }
        Row head = lane.queue.peekFirst();
        OffsetDateTime now = clocks.now();
        if (head.getOffsetDateTime("next_attempt_at").isAfter(now)) {
            return Uni.createFrom().item(false);
        }
        lane.queue.removeFirst();
        return attempt(head).chain(outcome -> record(lane, head, outcome));
    }

    private Uni<Boolean> record(Lane lane, Row head, Outcome outcome) {
        OffsetDateTime now = clocks.now();
        int attempts = head.getInteger("attempts") + 1;
        OffsetDateTime first = head.getOffsetDateTime("first_attempt_at") == null ? now : head.getOffsetDateTime("first_attempt_at");
        WebhookStore.Attempt attempt;
        if (outcome.delivered()) {
            attempt = new WebhookStore.Attempt("DELIVERED", now, null, outcome.status(), null, now);
        } else {
            var next = backoff.next(first.toInstant(), now.toInstant(), attempts, ThreadLocalRandom.current()::nextDouble);
            attempt = new WebhookStore.Attempt(next == null ? "DEAD" : "FAILED", now, next == null ? null : next.atOffset(ZoneOffset.UTC),
                    outcome.status(), outcome.error(), null);
        }
        return store.record(lane.id, holder, now.plus(config.lease()), head.getLong("id"), attempt).map(kept -> {
            if (!kept) {
                LOG.infof("webhook lane %s was taken over; this instance stops sending it", lane.id);
                return false;
            }
            meters.counted(attempt.status());
            return outcome.delivered();
        });
    }

    /** The delivery's id on the wire: the same on every retry and redelivery. */
    static String webhookId(long delivery) {
        return "msg_" + delivery;
    }

    /** The body: {@code {id, type, hall, occurredAt, data}}, data being the event's payload. */
    static String body(String id, Row head) {
        JsonObject data = head.getValue("payload") == null ? new JsonObject() : HallEvent.payloadOf(head.getValue("payload"));
        Object at = data.getValue("at");
        String occurredAt = at instanceof String text ? text
                : head.getOffsetDateTime("created_at") == null ? null : head.getOffsetDateTime("created_at").toString();
        return new JsonObject().put("id", id).put("type", head.getString("event_type")).put("hall", head.getString("hall_code"))
                .put("occurredAt", occurredAt).put("data", data).encode();
    }

    private Uni<Outcome> attempt(Row head) {
        String id = webhookId(head.getLong("id"));
        String body = body(id, head);
        long timestamp = clocks.now().toEpochSecond();
        String signature;
        try {
            signature = Signature.sign(sealing.open(head.getString("secret_sealed")), id, timestamp, body);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new Outcome(false, null, "the subscription's secret cannot be opened"));
        }
        return guard.check(head.getString("url"))
                .chain(checked -> post(checked, id, timestamp, signature, body))
                .onFailure().recoverWithItem(failure -> new Outcome(false, null, excerpt(describe(failure))));
    }

    private Uni<Outcome> post(OutboundGuard.Checked checked, String id, long timestamp, String signature, String body) {
        OutboundPolicy.Target target = checked.target();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), checked.address().getHostAddress()))
                .setHost(target.host()).setPort(target.port()).setSsl(target.tls()).setURI(target.requestUri())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Siban-Webhooks/1")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Promise<Outcome> done = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long deadline = vertx.setTimer(config.timeout().toMillis(), t -> {
            if (done.tryFail(new TimeoutException("no answer within " + config.timeout().toMillis() + " ms")) && sent.get() != null) {
                sent.get().reset();
            }
        });
        client.request(options).onFailure(done::tryFail).onSuccess(request -> {
            sent.set(request);
            request.exceptionHandler(done::tryFail);
            request.send(Buffer.buffer(body)).onFailure(done::tryFail).onSuccess(response -> {
                StringBuilder text = new StringBuilder();
                long[] read = {0};
                int status = response.statusCode();
                response.exceptionHandler(done::tryFail);
                response.handler(chunk -> {
                    read[0] += chunk.length();
                    if (text.length() < EXCERPT) {
                        text.append(chunk.toString(StandardCharsets.UTF_8));
                    }
                    if (read[0] > READ_AT_MOST && done.tryComplete(outcome(status, text))) {
                        request.reset();
                    }
                });
                response.endHandler(ignored -> done.tryComplete(outcome(status, text)));
            });
        });
        return Uni.createFrom().completionStage(done.future().toCompletionStage())
                .eventually(() -> vertx.cancelTimer(deadline));
    }

    private static Outcome outcome(int status, StringBuilder text) {
        if (status >= 200 && status < 300) {
            return new Outcome(true, status, null);
        }
        String answer = text.toString().strip();
        return new Outcome(false, status, excerpt("HTTP " + status + (answer.isEmpty() ? "" : ": " + answer)));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IllegalArgumentException refused) {
            return "refused: " + refused.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }

    /** Stops sending (lanes end after their call in progress), as an instance that is down; for tests. */
    void pause() {
        stopped = true;
    }

    /** Sends again after {@link #pause}. */
    void resume() {
        stopped = false;
        wake();
    }

    /** How many lanes this instance sends now. */
    int lanesRunning() {
        return lanes.size();
    }
}
