package io.siban.common;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A Redis pub/sub subscription that survives Redis going away: it resubscribes when the stream
 * fails or ends, and, because a subscription can also go quiet without either when Redis restarts,
 * it pings itself on the same channels and subscribes again when its pings stop coming back.
 * Call {@link #check()} every couple of seconds.
 */
public final class BusSubscription {
    private static final Logger LOG = Logger.getLogger(BusSubscription.class);
    static final Duration SILENCE = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final String pattern;
    private final String pingChannel;
    private final String ping = "ping:" + UUID.randomUUID();
    private final Consumer<String> consumer;
    private final Runnable onListening;
    private volatile Cancellable subscription;
    private volatile long lastHeard;

    /**
     * @param pattern     a channel pattern, e.g. {@code siban:events:*}
     * @param pingChannel a channel the pattern matches, used for the self-ping
     */
    public BusSubscription(ReactiveRedisDataSource redis, String pattern, String pingChannel, Consumer<String> consumer) {
        this(redis, pattern, pingChannel, consumer, () -> { });
    }

    /**
     * @param onListening called when the first message arrives after each (re)subscription, i.e. once
     *                    the subscription certainly listens: whatever was published before may have been
     *                    missed and should be fetched from where it is kept
     */
    public BusSubscription(ReactiveRedisDataSource redis, String pattern, String pingChannel, Consumer<String> consumer,
                           Runnable onListening) {
        this.redis = redis;
        this.pattern = pattern;
        this.pingChannel = pingChannel;
        this.consumer = consumer;
        this.onListening = onListening;
    }

    public synchronized void start() {
        stop();
        lastHeard = System.nanoTime();
        // this subscription's own flag: a late message of a cancelled one must not stand for it
        AtomicBoolean awaitingFirstMessage = new AtomicBoolean(true);
        Multi<String> messages = redis.pubsub(String.class).subscribeToPatterns(pattern);
        subscription = messages
                .onSubscription().invoke(() -> awaitingFirstMessage.set(true))
                .onCompletion().failWith(() -> new IllegalStateException("subscription to " + pattern + " ended"))
                .onFailure().invoke(failure -> LOG.warnf("subscription to %s lost, resubscribing: %s", pattern, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(message -> receive(message, awaitingFirstMessage));
    }

    public synchronized void stop() {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    /** Resubscribes if the last ping went unanswered, and sends the next one. */
    public Uni<Void> check() {
        if (System.nanoTime() - lastHeard > SILENCE.toNanos()) {
            LOG.warnf("no ping came back on %s; subscribing again", pattern);
            start();
        }
        return redis.pubsub(String.class).publish(pingChannel, ping).onFailure().recoverWithNull().replaceWithVoid();
    }

    private void receive(String message, AtomicBoolean awaitingFirstMessage) {
        lastHeard = System.nanoTime();
        try {
            if (awaitingFirstMessage.compareAndSet(true, false)) {
                onListening.run();
            }
            if (!ping.equals(message)) {
                consumer.accept(message);
            }
        } catch (RuntimeException e) {
            // a failing handler must not end the subscription
            LOG.warnf("message on %s not handled: %s", pattern, e.toString());
        }
    }
}
