package io.siban.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.queue.DayTally;
import io.siban.queue.ServiceTimes;
import io.siban.queue.WaitEstimator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live view of each hall in Redis: one JSON snapshot per hall (waiting per queue, now calling
 * per window, today's counts, service times), recomputed from PostgreSQL whenever events of the
 * hall are published. It holds nothing that PostgreSQL does not, so it is rebuilt by the same code
 * at start-up and whenever Redis comes back empty. It keeps the queues' latest service times for the
 * ticket answers' estimates ({@link ServiceTimes.Latest}).
 */
@ApplicationScoped
public class LiveView implements ServiceTimes.Latest {
    private static final Logger LOG = Logger.getLogger(LiveView.class);
    static final String BUILT_MARKER = "siban:live:built";
    private static final Duration LOCAL_CACHE = Duration.ofSeconds(1);

    private final ReactiveValueCommands<String, String> values;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;
    @Inject
    ServiceTimes serviceTimes;
    @Inject
    LiveConfig config;
    @Inject
    Clocks clocks;

    private record Cached(BoardView board, long at) {
    }

    @Inject
    public LiveView(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    static String key(String hall) {
        return "siban:live:{" + hall + "}";
    }

    /** The hall's board from Redis, rebuilt from PostgreSQL first if Redis lost it. */
    public Uni<BoardView> board(String hall) {
        return values.get(key(hall)).chain(text -> text != null ? Uni.createFrom().item(parse(text)) : refresh(hall));
    }

    /** Mean service time of a queue for wait estimates; a board at most a second old is good enough. */
    @Override
    public Uni<Duration> meanServiceTime(String hall, String queue) {
        Cached cached = recent.get(hall);
        Uni<BoardView> board = cached != null && System.nanoTime() - cached.at() < LOCAL_CACHE.toNanos()
                ? Uni.createFrom().item(cached.board())
                : board(hall).invoke(b -> recent.put(hall, new Cached(b, System.nanoTime())));
        return board.map(b -> b.queues().stream().filter(q -> q.code().equals(queue)).findFirst()
                        .map(BoardView.QueueLine::meanServiceTime).orElse(serviceTimes.assumed()))
                .onFailure().recoverWithItem(serviceTimes.assumed());
    }

    /** Recomputes the hall's snapshot from PostgreSQL and stores it in Redis. */
    public Uni<BoardView> refresh(String hall) {
        return pool.preparedQuery("""
                        select h.name, c.timezone, (select coalesce(max(seq), 0) from event_outbox e where e.hall_code = h.code) as last_seq
                        from hall h join calendar c on c.id = h.calendar_id where h.code = $1""")
                .execute(Tuple.of(hall))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("hall", hall));
                    }
                    Row head = rows.iterator().next();
                    ZoneId zone = ZoneId.of(head.getString("timezone"));
                    LocalDate today = clocks.now().atZoneSameInstant(zone).toLocalDate();
                    return Uni.combine().all().unis(queues(hall), windows(hall, today), today(hall, today),
                                    serviceTimes.ofHall(hall, config.serviceTimeSamples()))
                            .asTuple()
                            .map(t -> snapshot(hall, head.getString("name"), today, head.getLong("last_seq"),
                                    t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4()));
                })
                .call(board -> values.set(key(hall), write(board)));
    }

    /** Rebuilds every hall's snapshot and marks Redis as built. */
    public Uni<Integer> rebuildAll() {
        return pool.query("select code from hall order by code").execute()
                .chain(rows -> {
                    List<String> halls = new ArrayList<>();
                    rows.forEach(r -> halls.add(r.getString(0)));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String hall : halls) {
                        chain = chain.chain(() -> refresh(hall).replaceWithVoid());
                    }
                    return chain.chain(() -> values.set(BUILT_MARKER, clocks.now().toString())).replaceWith(halls.size());
                })
                .invoke(count -> LOG.infof("live view rebuilt from PostgreSQL for %d halls", count));
    }

    public Uni<Boolean> isBuilt() {
        return values.get(BUILT_MARKER).map(value -> value != null);
    }

    private Uni<RowSet<Row>> queues(String hall) {
        return pool.preparedQuery("""
                        select q.code, q.prefix, q.name,
                               coalesce((select w.waiting from queue_waiting w where w.hall_code = q.hall_code
                                  and w.queue_code = q.code), 0) as waiting,
                               (select count(*) from hall_window w where w.hall_code = q.hall_code and w.status = 'OPEN'
                                  and q.code = any(w.queues)) as open_windows
                        from hall_queue q where q.hall_code = $1 order by q.code""")
                .execute(Tuple.of(hall));
    }

    private Uni<RowSet<Row>> windows(String hall, LocalDate today) {
        return pool.preparedQuery("""
                        select w.number, w.name, w.status, w.queues, t.id, t.number as ticket_number, t.queue_code, t.status as ticket_status,
                               t.called_at, t.recalls
                        from hall_window w
                        left join lateral (select * from ticket t where t.hall_code = w.hall_code and t.window_number = w.number
                                           and t.called_at is not null and t.service_date = $2
                                           order by t.called_at desc limit 1) t on true
                        where w.hall_code = $1 order by w.number""")
                .execute(Tuple.of(hall, today));
    }

    /** Today's figures (always one row), as {@link DayTally} keeps them. */
    private Uni<RowSet<Row>> today(String hall, LocalDate today) {
        return pool.preparedQuery(DayTally.TODAY)
                .execute(Tuple.of(hall, today));
    }

    private BoardView snapshot(String hall, String name, LocalDate today, long lastSeq, RowSet<Row> queueRows,
                               RowSet<Row> windowRows, RowSet<Row> todayRows, Map<String, Duration> means) {
        List<BoardView.QueueLine> queues = new ArrayList<>();
        for (Row r : queueRows) {
            String code = r.getString("code");
            long waiting = r.getLong("waiting");
            int open = r.getLong("open_windows").intValue();
            Duration mean = means.getOrDefault(code, serviceTimes.assumed());
            WaitEstimator.Estimate estimate = WaitEstimator.estimate(waiting, open, mean);
            queues.add(new BoardView.QueueLine(code, r.getString("prefix"), r.getString("name"), waiting, open, mean,
                    estimate.p50() == null ? null : new BoardView.Estimate(estimate.p50(), estimate.p90())));
        }
        List<BoardView.WindowLine> windows = new ArrayList<>();
        for (Row r : windowRows) {
            BoardView.Calling calling = r.getUUID("id") == null ? null : new BoardView.Calling(
                    r.getString("ticket_number"), r.getString("queue_code"), r.getString("ticket_status"),
                    r.getOffsetDateTime("called_at"), r.getInteger("recalls"));
            windows.add(new BoardView.WindowLine(r.getInteger("number"), r.getString("name"), r.getString("status"),
                    List.of(r.getArrayOfStrings("queues")), calling));
        }
        Row t = todayRows.iterator().next();
        Object averageWait = t.getValue("average_wait");
        BoardView.Today counts = new BoardView.Today(t.getLong("issued"), t.getLong("called"), t.getLong("served"),
                t.getLong("no_show"), t.getLong("cancelled"),
                averageWait == null ? null : Duration.ofSeconds(Math.round(((Number) averageWait).doubleValue())));
        return new BoardView(hall, name, today, queues, windows, counts, lastSeq, clocks.now());
    }

    private String write(BoardView board) {
        try {
            return json.writeValueAsString(board);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BoardView parse(String text) {
        try {
            return json.readValue(text, BoardView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable live view", e);
        }
    }
}
