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

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The KPI rollups of V16, kept as events are numbered: numbering happens once per event under the
 * numbering lock, and each ticket or case an event names has its facts replaced and the difference
 * added (function {@code kpi_number}), so a batch numbered again would change nothing. Before that,
 * closed cases get their working days counted on their calendar (Java: SQL cannot count working days).
 * {@link #rebuild} recomputes a hall's days from raw rows under the same lock.
 */
@ApplicationScoped
public class Rollups implements NumberingStep {
    static final String CASE_ID = "caseId";
    static final String NUMBER = "select kpi_number($1)";
    static final String REBUILD = "select kpi_rebuild($1, $2, $3)";
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
        return List.of(CASE_ID);
    }

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        Set<UUID> moved = new LinkedHashSet<>();
        for (int i = 0; i < batch.read(); i++) {
            if ("case.moved".equals(batch.type(i)) && batch.field(i, CASE_ID) != null) {
                moved.add(UUID.fromString(batch.field(i, CASE_ID)));
            }
        }
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(CLOSED_OF_BATCH).execute(Tuple.of((Object) moved.toArray(UUID[]::new)))
                .chain(rows -> storeWorkingDays(conn, rows));
    }

    @Override
    public Uni<Void> afterNumbering(SqlConnection conn, Long[] ids) {
        return conn.preparedQuery(NUMBER).execute(Tuple.of((Object) ids)).replaceWithVoid();
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

    private Uni<Void> storeWorkingDays(SqlConnection conn, RowSet<Row> rows) {
        List<Row> cases = new ArrayList<>();
        rows.forEach(cases::add);
        return Multi.createFrom().iterable(cases)
                .onItem().transformToUniAndConcatenate(r -> calendars.get(conn, r.getString("calendar_id"), r.getLong("version"))
                        .map(calendar -> WorkingDays.of(calendar, r.getOffsetDateTime("accepted_at").toInstant(),
                                r.getOffsetDateTime("closed_at").toInstant(), pauses(r.getString("pauses")),
                                r.getInteger("statutory_days"), r.getLong("statutory_seconds")))
                        .chain(used -> conn.preparedQuery(STORE_DAYS)
                                .execute(Tuple.of(r.getUUID("id"), used.used(), used.statutory()))))
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
