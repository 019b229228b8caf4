package io.siban.report;

import io.siban.outbox.NumberingStep;
import io.siban.outbox.OutboxPublisher;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The KPI rollups (V16, V17), kept as events are numbered: numbering happens once per event under the
 * numbering lock, and in that transaction {@code kpi_count} adds what the batch's events add (built
 * from the fields read with the batch, {@link RollupBatch}); each ticket or case an event names has its
 * facts replaced and the difference added, so nothing is counted twice. Before that, closed cases get
 * their working days counted on their calendar (Java: SQL cannot count working days). A hall whose
 * events were numbered without being counted (a failure, or an instance of an older version) is behind;
 * {@link #mend} counts it from the stored events. {@link #rebuild} recomputes a hall's days from raw
 * rows under the same lock.
 */
@ApplicationScoped
public class Rollups implements NumberingStep {
    private static final Logger LOG = Logger.getLogger(Rollups.class);
    static final String COUNT = "select kpi_count($1::text::jsonb)";
    static final String MEND = "select kpi_mend($1, $2)";
    static final String BEHIND = "select hall_code from kpi_behind order by hall_code";
    /** Events counted from event_outbox per hall and transaction when mending. */
    static final int MEND_EVENTS = 5_000;
    /** Closed cases given their working days per transaction when catching up. */
    static final int CLOSES = 200;
    /** What {@link #mend} emits when another transaction held the numbering lock: nothing was done. */
    public static final String BUSY = "busy";
    static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1)";
    static final String REBUILD = "select kpi_rebuild($1, $2, $3)";
    static final String REFRESH_CASES = "select kpi_refresh_cases($1)";
    static final String LOCK = "select pg_advisory_xact_lock($1)";
    static final String STORE_DAYS = "insert into kpi_case_close (case_id, working_days_used, statutory_working_days) "
            + "values ($1, $2, $3) on conflict (case_id) do nothing";
    private static final String CLOSED_CASE = """
            select c.id, c.calendar_id, cal.version, c.accepted_at, c.closed_at, c.statutory_days, c.statutory_seconds,
                   (select coalesce(json_agg(json_build_object('from', p.started_at, 'to', p.ended_at) order by p.id), '[]')
                    from case_pause p where p.case_id = c.id)::text as pauses
            from service_case c join calendar cal on cal.id = c.calendar_id
            where c.closed_at is not null and c.accepted_at is not null and c.state in ('APPROVED', 'REJECTED', 'DELIVERED')
              and not exists (select 1 from kpi_case_close k where k.case_id = c.id)
            """;
    /** Closed cases of the batch ($1) whose working days are not counted yet. */
    static final String CLOSED_OF_BATCH = CLOSED_CASE + " and c.id = any($1)";
    /** Closed cases of a hall ($1) whose working days are not counted yet, a few at a time. */
    static final String UNCOUNTED_OF_HALL = CLOSED_CASE + " and c.hall_code = $1 limit " + CLOSES;
    /** Closed cases of any hall after id $1 whose working days are not counted yet (closed before V16), a few at a time. */
    static final String UNCOUNTED = CLOSED_CASE + " and c.id > $1 order by c.id limit " + CLOSES;
    /** Closed cases of a hall ($1) closed in [$2, $3] (hall-local days) whose working days are not counted yet. */
    static final String CLOSED_OF_HALL = CLOSED_CASE + """
             and c.hall_code = $1
             and (c.closed_at at time zone (select k.timezone from hall h join calendar k on k.id = h.calendar_id
                                             where h.code = c.hall_code))::date between $2 and $3""";

    @Inject
    Pool pool;
    @Inject
    WorkingCalendars calendars;

    @Override
    public List<String> fields() {
        return RollupBatch.FIELDS;
    }

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        Set<UUID> moved = new LinkedHashSet<>();
        for (int i = 0; i < batch.read(); i++) {
            String id = batch.field(i, RollupBatch.CASE_ID);
            if ("case.moved".equals(batch.type(i)) && id != null && id.length() == 36) {
                try {
                    moved.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    // not a case: nothing to count
                }
            }
        }
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(CLOSED_OF_BATCH).execute(Tuple.of((Object) moved.toArray(UUID[]::new)))
                .chain(rows -> storeWorkingDays(conn, rows));
    }

    @Override
    public Uni<Void> afterNumbering(SqlConnection conn, Batch batch) {
        RollupBatch counted = new RollupBatch();
        for (int i = 0; i < batch.size(); i++) {
            counted.numbered(batch.hall(i), batch.seq(i));
        }
        for (int i = 0; i < batch.read(); i++) {
            int event = i;
            counted.event(batch.hall(i), batch.seq(i), batch.type(i), name -> batch.field(event, name));
        }
        return conn.preparedQuery(COUNT).execute(Tuple.of(counted.document().encode()))
                .invoke(rows -> {
                    for (String failure : rows.iterator().next().getArrayOfStrings(0)) {
                        LOG.warnf("KPI rollups behind, counted later from the stored events: %s", failure);
                    }
                })
                .replaceWithVoid();
    }

    /** The halls whose numbered events are not all counted in the rollups. */
    public Uni<List<String>> behind() {
        return pool.preparedQuery(BEHIND).execute().map(rows -> {
            List<String> halls = new ArrayList<>();
            rows.forEach(r -> halls.add(r.getString(0)));
            return halls;
        });
    }

    /**
     * Counts up to {@link #MEND_EVENTS} of the hall's numbered but uncounted events, after giving up to
     * {@link #CLOSES} of its closed cases their working days (and their facts them); emits null when
     * that went through, the error if counting failed, or {@link #BUSY} if the numbering lock was held
     * (the lock is only tried: numbering never queues behind a repair).
     */
    public Uni<String> mend(String hall) {
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(OutboxPublisher.SEQUENCE_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(BUSY)
                        : conn.preparedQuery(UNCOUNTED_OF_HALL).execute(Tuple.of(hall))
                        .chain(rows -> countWorkingDays(conn, rows))
                        .chain(() -> conn.preparedQuery(MEND).execute(Tuple.of(hall, MEND_EVENTS)))
                        .map(rows -> rows.iterator().next().getString(0))));
    }

    /** A step of giving closed cases their working days: how many were read, and the last id (where the next step starts). */
    public record Closes(int read, UUID last) {
    }

    /**
     * Gives up to {@link #CLOSES} closed cases after {@code after} (by id) that have no working days
     * counted (closed before V16) theirs, and refreshes their facts; emits null if the numbering lock
     * was held (only tried).
     */
    public Uni<Closes> countClosedCases(UUID after) {
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(OutboxPublisher.SEQUENCE_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().nullItem()
                        : conn.preparedQuery(UNCOUNTED).execute(Tuple.of(after))
                        .chain(rows -> {
                            UUID[] last = {after};
                            rows.forEach(r -> last[0] = r.getUUID("id"));
                            return countWorkingDays(conn, rows).replaceWith(new Closes(rows.size(), last[0]));
                        })));
    }

    /** Stores the working days of the closed cases read and refreshes their facts, so the rollups have them. */
    private Uni<Void> countWorkingDays(SqlConnection conn, RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID("id")));
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return storeWorkingDays(conn, rows)
                .chain(() -> conn.preparedQuery(REFRESH_CASES).execute(Tuple.of((Object) ids.toArray(UUID[]::new))))
                .replaceWithVoid();
    }

    /**
     * Recomputes the hall's rollups of [from, to] from the raw rows (tickets, steps, cases, pauses,
     * cards, window events), counting the working days of closed cases that have none yet.
     */
    public Uni<Void> rebuild(String hall, LocalDate from, LocalDate to) {
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(OutboxPublisher.SEQUENCE_LOCK))
                .chain(() -> conn.preparedQuery(CLOSED_OF_HALL).execute(Tuple.of(hall, from, to)))
                .chain(rows -> storeWorkingDays(conn, rows))
                .chain(() -> conn.preparedQuery(REBUILD).execute(Tuple.of(hall, from, to)))
                .replaceWithVoid());
    }

    /** Stores the working days of the closed cases read; a case whose days cannot be counted is logged and left without. */
    private Uni<Void> storeWorkingDays(SqlConnection conn, RowSet<Row> rows) {
        List<Row> cases = new ArrayList<>();
        rows.forEach(cases::add);
        return Multi.createFrom().iterable(cases)
                .onItem().transformToUniAndConcatenate(r -> calendars.get(conn, r.getString("calendar_id"), r.getLong("version"))
                        .onFailure().invoke(e -> LOG.warnf("working days of case %s not counted: %s", r.getUUID("id"), e.toString()))
                        .onFailure().recoverWithNull()
                        .chain(calendar -> {
                            if (calendar == null) {
                                return Uni.createFrom().voidItem();
                            }
                            WorkingDays.Used used;
                            try {
                                used = WorkingDays.of(calendar, r.getOffsetDateTime("accepted_at").toInstant(),
                                        r.getOffsetDateTime("closed_at").toInstant(), pauses(r.getString("pauses")),
                                        r.getInteger("statutory_days"), r.getLong("statutory_seconds"));
                            } catch (RuntimeException e) {
                                LOG.warnf("working days of case %s not counted: %s", r.getUUID("id"), e.toString());
                                return Uni.createFrom().voidItem();
                            }
                            return conn.preparedQuery(STORE_DAYS).execute(Tuple.of(r.getUUID("id"), used.used(), used.statutory()))
                                    .replaceWithVoid();
                        }))
                .collect().last().replaceWithVoid();
    }

    static List<WorkingDays.Interval> pauses(String json) {
        List<WorkingDays.Interval> pauses = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject p = (JsonObject) o;
            pauses.add(new WorkingDays.Interval(instant(p.getString("from")), instant(p.getString("to"))));
        }
        return pauses;
    }

    private static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }
}
