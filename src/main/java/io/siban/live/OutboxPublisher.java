package io.siban.live;

import io.siban.outbox.Outbox;
import io.siban.outbox.HallEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siban.common.Periodic;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the outbox: numbers new events per hall in commit order (the SSE ids), publishes them to
 * Redis for the streams of every instance, and refreshes the live view of the halls they touch.
 * Any instance may do it; advisory locks make one do each step at a time. Delivery is at least once:
 * a crash between publishing and marking republishes the same numbers, which streams drop as seen.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    static final long SEQUENCE_LOCK = 0x51BA_0001L;
    static final long PUBLISH_LOCK = 0x51BA_0002L;
    static final int BATCH = 500;

    static final java.time.Duration REFRESH_GAP = java.time.Duration.ofMillis(200);

    private final Set<String> dirty = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastRefresh = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ReactivePubSubCommands<String> pubsub;

    @Inject
    Pool pool;
    @Inject
    LiveView live;
    @Inject
    Vertx vertx;

    @Inject
    public OutboxPublisher(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    public static String channel(String hall) {
        return "siban:events:{" + hall + "}";
    }

    /**
     * Under a rush a drain starts at most this often: the events of all commits meanwhile share its
     * statements and messages instead of each commit paying for a drain of its own.
     */
    static final long DRAIN_GAP_MS = 20;

    /** Called after a commit that appended events: deliver them now rather than at the next sweep. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        drain();
    }

    private void drain() {
        long started = System.nanoTime();
        drainUntilIdle().subscribe().with(ignored -> finishRun(started), failure -> {
            LOG.warnf("event delivery deferred: %s", failure.toString());
            finishRun(started);
        });
    }

    private void finishRun(long started) {
        if (again.getAndSet(false)) {
            long wait = DRAIN_GAP_MS - (System.nanoTime() - started) / 1_000_000;
            if (wait <= 0) {
                drain();
            } else {
                vertx.setTimer(wait, id -> drain());
            }
            return;
        }
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    @Inject
    LiveConfig config;

    private Periodic sweeper;

    void start(@Observes StartupEvent event) {
        sweeper = new Periodic(vertx, "live view sweep", this::sweep);
        sweeper.start(Duration.ofSeconds(1), config.sweepEvery(), config.sweepLimit());
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    Uni<Void> sweep() {
        return live.isBuilt()
                .chain(built -> built ? Uni.createFrom().voidItem() : live.rebuildAll().replaceWithVoid())
                .invoke(this::wake)
                .onFailure().invoke(failure -> LOG.debugf("live view sweep deferred: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Sequences and publishes until nothing is left; emits the number of events published. */
    public Uni<Integer> drainUntilIdle() {
        return drainOnce().chain(count -> count >= BATCH ? drainUntilIdle().map(more -> count + more) : Uni.createFrom().item(count));
    }

    Uni<Integer> drainOnce() {
        return sequence().chain(this::publish);
    }

    /**
     * Adds the ticket events being numbered to their hall's figures of the ticket's day. Numbering
     * happens once per event, under the lock, so each event counts exactly once. Issued tickets are
     * not counted here: the daily number counters already say how many there are, and leaving the
     * issue events out spares the opening rush, where they are nearly all the events, a ticket lookup each.
     */
    private static final String TALLY = """
            insert into hall_day_tally as d (hall_code, service_date, calls, wait_seconds, served, no_show, cancelled)
            select t.hall_code, t.service_date,
                   count(*) filter (where e.type = 'ticket.called'),
                   coalesce(sum((e.payload ->> 'waitSeconds')::bigint) filter (where e.type = 'ticket.called'), 0),
                   count(*) filter (where e.type = 'ticket.finished'),
                   count(*) filter (where e.type = 'ticket.no_show') - count(*) filter (where e.type = 'ticket.reactivated'),
                   count(*) filter (where e.type = 'ticket.cancelled')
            from event_outbox e join ticket t on t.id = (e.payload ->> 'ticketId')::uuid
            where e.id = any($1) and e.type in ('ticket.called', 'ticket.finished', 'ticket.no_show',
                                                'ticket.reactivated', 'ticket.cancelled')
            group by t.hall_code, t.service_date
            on conflict (hall_code, service_date) do update set
                calls = d.calls + excluded.calls,
                wait_seconds = d.wait_seconds + excluded.wait_seconds, served = d.served + excluded.served,
                no_show = d.no_show + excluded.no_show, cancelled = d.cancelled + excluded.cancelled""";

    /** Ticket events that change how many wait in a queue: each batch follows them with the queues' counts. */
    static final Set<String> MOVES_THE_LINE = Set.of("ticket.issued", "ticket.called", "ticket.cancelled", "ticket.transferred",
            "ticket.expired", "ticket.reactivated");

    private static final String COUNTERS = Outbox.sql("""
            insert into outbox
            select x.h, 'queue.counters', jsonb_build_object('queue', x.q, 'waiting', coalesce(w.waiting, 0))
            from unnest($1::text[], $2::text[]) with ordinality as x(h, q, n)
            left join queue_waiting w on w.hall_code = x.h and w.queue_code = x.q
            order by x.n
            returning id, hall_code""");

    /**
     * Gives unnumbered events their per-hall numbers, after adding one queue.counters event per queue
     * whose line they changed (with the count as committed now, so never older than the events); emits
     * how many were numbered (or -1 if another instance is at it). Under a rush one counters event
     * covers many tickets instead of each ticket writing its own.
     */
    Uni<Integer> sequence() {
        return pool.withTransaction(conn -> tryLock(conn, SEQUENCE_LOCK).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(-1);
            }
            return conn.preparedQuery("""
                            select id, hall_code, type, payload ->> 'queue', payload ->> 'fromQueue'
                            from event_outbox where seq is null order by id limit $1""")
                    .execute(Tuple.of(BATCH))
                    .chain(rows -> {
                        if (rows.size() == 0) {
                            return Uni.createFrom().item(0);
                        }
                        List<Long> ids = new ArrayList<>();
                        List<String> halls = new ArrayList<>();
                        Set<List<String>> lines = new LinkedHashSet<>();
                        for (Row r : rows) {
                            ids.add(r.getLong(0));
                            halls.add(r.getString(1));
                            if (MOVES_THE_LINE.contains(r.getString(2))) {
                                for (String queue : new String[]{r.getString(4), r.getString(3)}) {
                                    if (queue != null) {
                                        lines.add(List.of(r.getString(1), queue));
                                    }
                                }
                            }
                        }
                        return counters(conn, lines, ids, halls).chain(() -> number(conn, ids, halls));
                    });
        }));
    }

    private static Uni<Void> counters(SqlConnection conn, Set<List<String>> lines, List<Long> ids, List<String> halls) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(COUNTERS)
                .execute(Tuple.of(lines.stream().map(l -> l.get(0)).toArray(String[]::new),
                        lines.stream().map(l -> l.get(1)).toArray(String[]::new)))
                .invoke(rows -> {
                    List<Long> added = new ArrayList<>();
                    Map<Long, String> hallOf = new java.util.HashMap<>();
                    for (Row r : rows) {
                        added.add(r.getLong(0));
                        hallOf.put(r.getLong(0), r.getString(1));
                    }
                    added.sort(null);
                    for (Long id : added) {
                        ids.add(id);
                        halls.add(hallOf.get(id));
                    }
                })
                .replaceWithVoid();
    }

    /** Numbers the events per hall in the given order, and adds the ticket events to the halls' figures of the day. */
    private static Uni<Integer> number(SqlConnection conn, List<Long> ids, List<String> halls) {
        Map<String, Long> perHall = new LinkedHashMap<>();
        halls.forEach(hall -> perHall.merge(hall, 1L, Long::sum));
        return conn.preparedQuery("""
                        insert into hall_event_seq (hall_code, last_seq)
                        select h, n from unnest($1::text[], $2::bigint[]) as x(h, n)
                        on conflict (hall_code) do update set last_seq = hall_event_seq.last_seq + excluded.last_seq
                        returning hall_code, last_seq""")
                .execute(Tuple.of(perHall.keySet().toArray(String[]::new), perHall.values().toArray(Long[]::new)))
                .chain(seqRows -> {
                    Map<String, Long> next = new LinkedHashMap<>();
                    for (Row r : seqRows) {
                        next.put(r.getString(0), r.getLong(1) - perHall.get(r.getString(0)) + 1);
                    }
                    Long[] seqs = new Long[ids.size()];
                    for (int i = 0; i < ids.size(); i++) {
                        seqs[i] = next.merge(halls.get(i), 1L, Long::sum) - 1;
                    }
                    Long[] idArray = ids.toArray(Long[]::new);
                    return conn.preparedQuery("""
                                    update event_outbox e set seq = x.s
                                    from unnest($1::bigint[], $2::bigint[]) as x(id, s) where e.id = x.id""")
                            .execute(Tuple.of(idArray, seqs))
                            .chain(() -> conn.preparedQuery(TALLY).execute(Tuple.of((Object) idArray)))
                            .replaceWith(ids.size());
                });
    }

    /** Publishes numbered, undelivered events in order, moves each hall's delivery mark, then refreshes the touched halls' live view. */
    Uni<Integer> publish(int sequenced) {
        Set<String> touched = new LinkedHashSet<>();
        return pool.withTransaction(conn -> tryLock(conn, PUBLISH_LOCK).chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(0);
                    }
                    return conn.preparedQuery("""
                                    select e.id, e.hall_code, e.seq, e.type, e.payload
                                    from hall_event_seq s
                                    left join hall_event_published p on p.hall_code = s.hall_code
                                    cross join lateral (select * from event_outbox e
                                                        where e.hall_code = s.hall_code and e.seq > coalesce(p.published_seq, 0)
                                                        order by e.seq limit %d) e
                                    where s.last_seq > coalesce(p.published_seq, 0)
                                    order by e.hall_code, e.seq""".formatted(BATCH * 2))
                            .execute()
                            .chain(rows -> {
                                Map<String, Long> upTo = new LinkedHashMap<>();
                                Map<String, JsonArray> perHall = new LinkedHashMap<>();
                                for (Row r : rows) {
                                    String hall = r.getString("hall_code");
                                    touched.add(hall);
                                    upTo.put(hall, r.getLong("seq"));
                                    perHall.computeIfAbsent(hall, h -> new JsonArray()).add(new HallEvent(hall, r.getLong("seq"),
                                            r.getString("type"), HallEvent.payloadOf(r.getValue("payload"))).toJson());
                                }
                                if (upTo.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                // one message per hall and batch, its events in order
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (Map.Entry<String, JsonArray> hall : perHall.entrySet()) {
                                    chain = chain.chain(() -> pubsub.publish(channel(hall.getKey()), hall.getValue().encode()));
                                }
                                return chain.chain(() -> conn.preparedQuery("""
                                                        insert into hall_event_published (hall_code, published_seq)
                                                        select h, s from unnest($1::text[], $2::bigint[]) as x(h, s)
                                                        on conflict (hall_code) do update set published_seq =
                                                            greatest(hall_event_published.published_seq, excluded.published_seq)""")
                                                .execute(Tuple.of(upTo.keySet().toArray(String[]::new), upTo.values().toArray(Long[]::new))))
                                        .replaceWith(rows.size());
                            });
                }))
                .call(count -> {
                    dirty.addAll(touched);
                    return refreshDue();
                })
                .map(count -> Math.max(count, sequenced));
    }

    /**
     * Refreshes the live view of halls with new events, each at most once per refresh gap: under a
     * rush one recomputation covers many events, and the sweep catches up the halls held back.
     */
    private Uni<Void> refreshDue() {
        long now = System.nanoTime();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String hall : Set.copyOf(dirty)) {
            Long last = lastRefresh.get(hall);
            if (last != null && now - last < REFRESH_GAP.toNanos()) {
                continue;
            }
            dirty.remove(hall);
            lastRefresh.put(hall, now);
            chain = chain.chain(() -> live.refresh(hall).replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Boolean> tryLock(SqlConnection conn, long key) {
        return conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
