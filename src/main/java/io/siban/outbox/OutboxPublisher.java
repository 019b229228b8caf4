package io.siban.outbox;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the outbox: numbers new events per hall in commit order (the SSE ids), with what the
 * features do at numbering ({@link NumberingStep}), publishes them to Redis for the streams of every
 * instance, and tells the features which halls had events ({@link PublishedHalls}). Any instance may
 * do it; advisory locks make one do each step at a time. Delivery is at least once: a crash between
 * publishing and marking republishes the same numbers, which streams drop as seen. Woken after each
 * commit that appended events, and by the live view's sweep.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    /** Held while events are numbered; also by whatever must not run beside a numbering step (a KPI rebuild). */
    public static final long SEQUENCE_LOCK = 0x51BA_0001L;
    static final long PUBLISH_LOCK = 0x51BA_0002L;
    static final int BATCH = 500;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ReactivePubSubCommands<String> pubsub;

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    Instance<NumberingStep> numberingSteps;
    @Inject
    Instance<PublishedHalls> listeners;

    private List<NumberingStep> steps;
    private List<PublishedHalls> toldHalls;
    private List<String> fields;
    private String unnumbered;

    @Inject
    public OutboxPublisher(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    @PostConstruct
    void collectSteps() {
        steps = numberingSteps.stream().toList();
        toldHalls = listeners.stream().toList();
        fields = steps.stream().flatMap(step -> step.fields().stream()).distinct().toList();
        StringBuilder columns = new StringBuilder();
        fields.forEach(field -> columns.append(", payload ->> '").append(field).append('\''));
        unnumbered = "select id, hall_code, type" + columns + " from event_outbox where seq is null order by id limit $1";
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

    /** Sequences and publishes until nothing is left; emits the number of events published. */
    public Uni<Integer> drainUntilIdle() {
        return drainOnce().chain(count -> count >= BATCH ? drainUntilIdle().map(more -> count + more) : Uni.createFrom().item(count));
    }

    Uni<Integer> drainOnce() {
        return sequence().chain(this::publish);
    }

    /**
     * Gives unnumbered events their per-hall numbers, after the features' steps had their say (one may
     * append events, numbered with the batch); emits how many were numbered (or -1 if another instance
     * is at it).
     */
    Uni<Integer> sequence() {
        NumberingStep.Batch[] numbered = new NumberingStep.Batch[1];
        return pool.withTransaction(conn -> tryLock(conn, SEQUENCE_LOCK)
                .chain(locked -> locked ? conn.preparedQuery(unnumbered).execute(Tuple.of(BATCH)) : Uni.createFrom().nullItem())
                .chain(rows -> {
                    if (rows == null || rows.size() == 0) {
                        return Uni.createFrom().item(rows == null ? -1 : 0);
                    }
                    numbered[0] = new NumberingStep.Batch(listOf(rows), fields);
                    return numberBatch(conn, numbered[0]);
                }))
                .invoke(() -> {
                    if (numbered[0] != null) {
                        numbered[0].committed();
                    }
                });
    }

    private Uni<Integer> numberBatch(SqlConnection conn, NumberingStep.Batch batch) {
        Uni<Void> before = Uni.createFrom().voidItem();
        for (NumberingStep step : steps) {
            before = before.chain(() -> step.beforeNumbering(conn, batch));
        }
        return before.chain(() -> number(conn, batch))
                .call(() -> {
                    Uni<Void> after = Uni.createFrom().voidItem();
                    for (NumberingStep step : steps) {
                        after = after.chain(() -> step.afterNumbering(conn, batch));
                    }
                    return after;
                })
                .map(ignored -> batch.size());
    }

    private static List<Row> listOf(Iterable<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }

    /** Numbers the batch's events per hall in their order. */
    private static Uni<Void> number(SqlConnection conn, NumberingStep.Batch batch) {
        List<Long> ids = batch.ids();
        List<String> halls = batch.halls();
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
                    batch.numbered(seqs);
                    return conn.preparedQuery("""
                                    update event_outbox e set seq = x.s
                                    from unnest($1::bigint[], $2::bigint[]) as x(id, s) where e.id = x.id""")
                            .execute(Tuple.of(batch.numberedIds(), seqs))
                            .replaceWithVoid();
                });
    }

    /** Numbered events not yet delivered, per hall in order, at most two batches a hall. */
    private static final String UNDELIVERED = """
            select e.id, e.hall_code, e.seq, e.type, e.payload
            from hall_event_seq s
            left join hall_event_published p on p.hall_code = s.hall_code
            cross join lateral (select * from event_outbox e
                                where e.hall_code = s.hall_code and e.seq > coalesce(p.published_seq, 0)
                                order by e.seq limit %d) e
            where s.last_seq > coalesce(p.published_seq, 0)
            order by e.hall_code, e.seq""".formatted(BATCH * 2);

    private static final String MARK_DELIVERED = """
            insert into hall_event_published (hall_code, published_seq)
            select h, s from unnest($1::text[], $2::bigint[]) as x(h, s)
            on conflict (hall_code) do update set published_seq =
                greatest(hall_event_published.published_seq, excluded.published_seq)""";

    /** Publishes numbered, undelivered events in order, moves each hall's delivery mark, then tells the listeners which halls had events. */
    Uni<Integer> publish(int sequenced) {
        Set<String> touched = new LinkedHashSet<>();
        return pool.withTransaction(conn -> tryLock(conn, PUBLISH_LOCK)
                        .chain(locked -> locked ? conn.preparedQuery(UNDELIVERED).execute() : Uni.createFrom().nullItem())
                        .chain(rows -> rows == null ? Uni.createFrom().item(0) : deliver(conn, rows, touched)))
                .call(count -> told(touched))
                .map(count -> Math.max(count, sequenced));
    }

    /** One message per hall and batch, its events in order; then the halls' delivery marks. */
    private Uni<Integer> deliver(SqlConnection conn, RowSet<Row> rows, Set<String> touched) {
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
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, JsonArray> hall : perHall.entrySet()) {
            chain = chain.chain(() -> pubsub.publish(channel(hall.getKey()), hall.getValue().encode()));
        }
        return chain.chain(() -> conn.preparedQuery(MARK_DELIVERED)
                        .execute(Tuple.of(upTo.keySet().toArray(String[]::new), upTo.values().toArray(Long[]::new))))
                .replaceWith(rows.size());
    }

    private Uni<Void> told(Set<String> touched) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PublishedHalls listener : toldHalls) {
            chain = chain.chain(() -> listener.published(touched));
        }
        return chain;
    }

    private static Uni<Boolean> tryLock(SqlConnection conn, long key) {
        return conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
