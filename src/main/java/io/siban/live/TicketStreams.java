package io.siban.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siban.outbox.HallEvent;
import io.siban.queue.ServiceTimes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-ticket streams of this instance. Each hall with followed tickets has one feed: a subscriber
 * of the hall's stream ({@link HallStreams}: ordered, once, mended from the outbox). A ticket's own
 * events go to its followers as they come; an event that moves a queue's line has the places of every
 * ticket followed in that queue recomputed with one statement ({@link TicketStreamStore#PLACES}),
 * events arriving meanwhile folded into the next run, and a {@code ticket.position} goes only to the
 * followers whose place or estimate changed ({@link TicketChanges}). So the cost of an event is one
 * statement per queue it touches, whatever the number of followers.
 *
 * <p>Ids are the hall's event numbers: the first event carries the number up to which the state it
 * shows is complete, an own event its number, a place the number of the latest event before its
 * statement. A client resuming with {@code Last-Event-ID} gets its ticket's own events after that id
 * from the outbox, then the current state.
 *
 * <p>Long because the feed per hall and the group per queue share the followers' registry and its
 * lock discipline (a group's lock before its followers', never the other way round), which split
 * across files would be harder to keep.
 */
@ApplicationScoped
public class TicketStreams {
    private static final Logger LOG = Logger.getLogger(TicketStreams.class);
    static final String POSITION = "ticket.position";
    /** A failed recompute of a queue's places is run again after this long. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** One event of a ticket's stream; a heartbeat has no type. */
    public record Item(long id, String type, JsonObject payload) {
        static final Item HEARTBEAT = new Item(0, null, null);

        public boolean heartbeat() {
            return type == null;
        }
    }

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicLong ticks = new AtomicLong();
    private long heartbeatTimer = -1;

    @Inject
    HallStreams halls;
    @Inject
    TicketStreamStore store;
    @Inject
    ServiceTimes.Latest serviceTimes;
    @Inject
    LiveConfig config;
    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }

    /** Tickets followed on this instance (for tests and metrics). */
    public int followers() {
        return feeds.values().stream().mapToInt(feed -> feed.followers.size()).sum();
    }

    private final AtomicLong recomputes = new AtomicLong();

    /** Statements run to recompute places since start (for tests and metrics). */
    public long recomputes() {
        return recomputes.get();
    }

    /**
     * The ticket's stream: its current state first (after its own events since {@code lastEventId}
     * when given), then its changes. Ends after the ticket's final event.
     */
    public Multi<Item> follow(UUID ticket, String hall, Long lastEventId) {
        return Multi.createFrom().<Item>emitter(emitter -> {
                    TicketFollower follower = new TicketFollower(ticket, hall, emitter, ticks::incrementAndGet, this::join);
                    register(follower);
                    emitter.onTermination(() -> unregister(follower));
                    store.state(ticket)
                            .chain(state -> withMean(state).chain(mean -> start(hall, ticket, state, mean,
                                    TicketChanges.resumeFrom(lastEventId, state.lastSeq()))))
                            .onItem().call(start -> pauseBeforeAttach.isZero() ? Uni.createFrom().voidItem()
                                    : Uni.createFrom().voidItem().onItem().delayIt().by(pauseBeforeAttach))
                            .subscribe().with(start -> {
                                follower.attach(start);
                                catchUp(follower);
                            }, emitter::fail);
                }, BackPressureStrategy.ERROR)
                .onOverflow().buffer(config.subscriberBuffer());
    }

    /**
     * A line move numbered after the follower's state was read but seen by the feed before the follower
     * joined its queue's group recomputed the group without it: its place is recomputed now. Run outside
     * the follower's lock (a recompute takes the group's lock, then the followers').
     */
    private void catchUp(TicketFollower follower) {
        Feed feed = feeds.get(follower.hall);
        if (feed == null || follower.gone) {
            return;
        }
        long seen = feed.lastSeq;
        if (seen > follower.baseline()) {
            Group group = feed.groups.get(follower.queue());
            if (group != null) {
                group.touched(seen);
            }
        }
    }

    /** Tests widen the gap between reading a follower's state and its joining the queue (zero otherwise). */
    private volatile Duration pauseBeforeAttach = Duration.ZERO;

    void pauseBeforeAttach(Duration pause) {
        pauseBeforeAttach = pause;
    }

    private Uni<Start> start(String hall, UUID ticket, TicketStreamStore.State state, Duration mean, Long resumed) {
        if (resumed == null || resumed >= state.lastSeq()) {
            return Uni.createFrom().item(new Start(state, mean, List.of(), 0));
        }
        long after = TicketChanges.replayAfter(resumed, state.lastSeq(), config.ticketReplayWindow());
        return store.replay(hall, ticket, after, state.lastSeq()).map(missed -> new Start(state, mean, missed, resumed));
    }

    private Uni<Duration> withMean(TicketStreamStore.State state) {
        return "WAITING".equals(state.status()) ? serviceTimes.meanServiceTime(state.hall(), state.queue()) : Uni.createFrom().nullItem();
    }

    record Start(TicketStreamStore.State state, Duration mean, List<HallEvent> missed, long lastEventId) {
    }

    private synchronized void register(TicketFollower follower) {
        Feed feed = feeds.computeIfAbsent(follower.hall, Feed::new);
        feed.followers.computeIfAbsent(follower.ticketText, t -> ConcurrentHashMap.newKeySet()).add(follower);
        feed.start();
    }

    private synchronized void unregister(TicketFollower follower) {
        follower.gone = true;
        Feed feed = feeds.get(follower.hall);
        if (feed == null) {
            return;
        }
        Set<TicketFollower> same = feed.followers.get(follower.ticketText);
        if (same != null) {
            same.remove(follower);
            if (same.isEmpty()) {
                feed.followers.remove(follower.ticketText);
            }
        }
        feed.leave(follower);
        if (feed.followers.isEmpty()) {
            feeds.remove(follower.hall);
            feed.stop();
        }
    }

    private synchronized void join(TicketFollower follower, String queue) {
        Feed feed = feeds.get(follower.hall);
        if (feed != null && !follower.gone) {
            feed.leave(follower);
            feed.groups.computeIfAbsent(queue, q -> new Group(follower.hall, q)).members.add(follower);
        }
    }

    private void heartbeat() {
        feeds.values().forEach(feed -> feed.followers.values().forEach(set -> set.forEach(TicketFollower::heartbeat)));
    }

    /** A hall's events for the tickets followed there. */
    private final class Feed {
        final String hall;
        final Map<String, Set<TicketFollower>> followers = new ConcurrentHashMap<>();
        final Map<String, Group> groups = new ConcurrentHashMap<>();
        private Cancellable subscription;
        private volatile long lastSeq = -1;
        private volatile boolean stopped;

        Feed(String hall) {
            this.hall = hall;
        }

        /** Subscribes to the hall's stream once; after a failure again from the last event seen. */
        synchronized void start() {
            if (subscription != null || stopped) {
                return;
            }
            subscription = halls.events(hall, lastSeq < 0 ? null : lastSeq).subscribe().with(this::event, failure -> {
                LOG.debugf("ticket streams of hall %s lost the hall's events, subscribing again: %s", hall, failure.toString());
                synchronized (this) {
                    subscription = null;
                }
                vertx.setTimer(1000, id -> start());
            });
        }

        synchronized void stop() {
            stopped = true;
            if (subscription != null) {
                subscription.cancel();
            }
        }

        void leave(TicketFollower follower) {
            groups.values().forEach(group -> group.members.remove(follower));
            groups.values().removeIf(group -> group.members.isEmpty());
        }

        private void event(HallEvent event) {
            lastSeq = event.seq();
            String own = TicketChanges.ownTicket(event);
            if (own != null) {
                Set<TicketFollower> same = followers.get(own);
                if (same != null) {
                    same.forEach(follower -> follower.own(event));
                }
            }
            for (String queue : TicketChanges.queuesTouched(event)) {
                Group group = groups.get(queue);
                if (group != null) {
                    group.touched(event.seq());
                }
            }
        }
    }

    /** The followed tickets of one queue: their places are recomputed together, one run at a time. */
    private final class Group {
        final String hall;
        final String queue;
        final Set<TicketFollower> members = ConcurrentHashMap.newKeySet();
        private boolean running;
        private boolean again;
        private long cause;

        Group(String hall, String queue) {
            this.hall = hall;
            this.queue = queue;
        }

        synchronized void touched(long seq) {
            cause = Math.max(cause, seq);
            if (running) {
                again = true;
                return;
            }
            running = true;
            run();
        }

        private void run() {
            long launched = ticks.incrementAndGet();
            long because;
            synchronized (this) {
                because = cause;
            }
            List<TicketFollower> waiting = new ArrayList<>();
            members.forEach(follower -> {
                if (follower.waitsIn(queue)) {
                    waiting.add(follower);
                }
            });
            if (waiting.isEmpty()) {
                finished();
                return;
            }
            recomputes.incrementAndGet();
            UUID[] ids = waiting.stream().map(f -> f.ticket).distinct().toArray(UUID[]::new);
            store.places(hall, queue, ids)
                    .chain(places -> serviceTimes.meanServiceTime(hall, queue).map(mean -> {
                        for (TicketFollower follower : waiting) {
                            TicketStreamStore.Placed placed = places.get(follower.ticket);
                            if (placed != null) {
                                follower.placed(queue, launched, because,
                                        TicketChanges.Place.of(placed.ahead(), placed.openWindows(), mean));
                            }
                        }
                        return places.size();
                    }))
                    .subscribe().with(count -> finished(), failure -> {
                        // the followers' places would stay old until the next move of the line: tried again shortly
                        LOG.debugf("places of %s/%s not recomputed, again in %s: %s", hall, queue, RETRY, failure.toString());
                        finished();
                        vertx.setTimer(RETRY.toMillis(), id -> touched(because));
                    });
        }

        private void finished() {
            synchronized (this) {
                if (!again) {
                    running = false;
                    return;
                }
                again = false;
            }
            run();
        }
    }
}
