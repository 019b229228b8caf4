package io.siban.webhook;

import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.outbox.HallEvent;
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

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One signed POST of a delivery: the URL checked again just before (the connection goes to the address
 * that passed), redirects not followed, one deadline for resolving, connecting and answering (a request
 * whose connection comes after the deadline is reset, never sent), and no more of the answer
 * read than {@link #READ_AT_MOST} bytes, of which only the first {@link #EXCERPT} characters are kept,
 * as the error of a refused delivery.
 */
@ApplicationScoped
public class WebhookCall {
    /** Bytes of an answer read at most; the first {@link #EXCERPT} characters are kept as its error. */
    static final int READ_AT_MOST = 64 * 1024;
    static final int EXCERPT = 500;

    @Inject
    Vertx vertx;
    @Inject
    WebhookConfig config;
    @Inject
    OutboundGuard guard;
    @Inject
    PersonalData sealing;
    @Inject
    Clocks clocks;

    private HttpClient client;
    /** Secrets opened, by their sealed form: a lane's run opens its secret once, not per delivery. */
    private final Map<String, String> opened = new ConcurrentHashMap<>();

    /** What one attempt came to. */
    record Outcome(boolean delivered, Integer status, String error) {
    }

    @PostConstruct
    void start() {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(4, config.lanesPerInstance()))
                .setForceSni(true));
    }

    @PreDestroy
    void stop() {
        client.close();
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

    Uni<Outcome> attempt(Row head) {
        String id = webhookId(head.getLong("id"));
        String body = body(id, head);
        long timestamp = clocks.now().toEpochSecond();
        String signature;
        try {
            signature = Signature.sign(secret(head.getString("secret_sealed")), id, timestamp, body);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(new Outcome(false, null, "the subscription's secret cannot be opened"));
        }
        long started = System.nanoTime();
        long timeout = config.timeout().toMillis();
        return guard.check(head.getString("url"))
                .ifNoItem().after(config.timeout()).failWith(() -> new TimeoutException("the host was not resolved within " + timeout + " ms"))
                .chain(checked -> post(checked, id, timestamp, signature, body,
                        Math.max(1, timeout - (System.nanoTime() - started) / 1_000_000)))
                .onFailure().recoverWithItem(failure -> new Outcome(false, null, excerpt(describe(failure))));
    }

    private String secret(String sealed) {
        String secret = opened.get(sealed);
        if (secret == null) {
            if (opened.size() > 10_000) {
                opened.clear();
            }
            secret = sealing.open(sealed);
            opened.put(sealed, secret);
        }
        return secret;
    }

    /** Posts with what is left of the attempt's deadline: resolving, connecting and answering share one. */
    private Uni<Outcome> post(OutboundGuard.Checked checked, String id, long timestamp, String signature, String body, long leftMillis) {
        OutboundPolicy.Target target = checked.target();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), checked.address().getHostAddress()))
                .setHost(target.host()).setPort(target.port()).setSsl(target.tls()).setURI(target.requestUri())
                .setFollowRedirects(false)
                .setConnectTimeout(leftMillis).setIdleTimeout(leftMillis)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Siban-Webhooks/1")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Promise<Outcome> done = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long deadline = vertx.setTimer(leftMillis, t -> {
            if (done.tryFail(new TimeoutException("no answer within " + config.timeout().toMillis() + " ms")) && sent.get() != null) {
                sent.get().reset();
            }
        });
        client.request(options).onFailure(done::tryFail).onSuccess(request -> {
            if (done.future().isComplete()) {
                // the attempt already ended (recorded as a timeout): this request must not go out after it
                request.reset();
                return;
            }
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

    /**
     * At most {@link #EXCERPT} characters, with NUL and the other control characters but newline and tab
     * taken out: PostgreSQL text refuses a NUL, and a receiver's answer must never keep its outcome from
     * being recorded.
     */
    static String excerpt(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), EXCERPT));
        for (int i = 0; i < text.length() && clean.length() <= EXCERPT; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t' || !Character.isISOControl(c) && !Character.isSurrogate(c)) {
                clean.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            }
        }
        return clean.length() <= EXCERPT ? clean.toString() : clean.substring(0, EXCERPT - 1) + "…";
    }

}
