package io.siban.cases;

import io.siban.cases.dto.TransitionView;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every statement on cases, their moves and pauses: the SQL as named constants, each run through
 * {@link #run}, which also counts the statements (the case list's test holds it to two).
 */
@ApplicationScoped
public class CaseStore {
    /** A case with its visits, pauses (as arrays in id order) and its calendar's version; alias {@code c}. */
    static final String COLUMNS = "c.id, c.case_number, c.verification_hash, c.verification_sealed, c.item_code, c.item_name, c.department, c.category, "
            + "c.committed_days, c.committed_seconds, c.statutory_days, c.statutory_seconds, c.local_stage_days, "
            + "c.warning_threshold_seconds, c.hall_code, c.calendar_id, c.channel, c.state, c.suspended_from, c.version, "
            + "c.applicant_name_masked, c.applicant_id_masked, c.applicant_phone_masked, c.submitted_documents, "
            + "c.missing_documents, c.notified_documents, c.one_time_notice_violations, c.created_at, c.accepted_at, "
            + "c.forwarded_at, c.returned_at, c.closed_at, c.request_hash, c.card, "
            + "(select count(*) from case_visit v where v.case_id = c.id) as visits, "
            + pauseArray("kind") + " as pause_kinds, " + pauseArray("procedure") + " as pause_procedures, "
            + pauseArray("reason") + " as pause_reasons, " + pauseArray("started_at") + " as pause_started, "
            + pauseArray("ended_at") + " as pause_ended, " + pauseArray("limit_days") + " as pause_limit_days, "
            + pauseArray("limit_seconds") + " as pause_limit_seconds, "
            + "(select k.version from calendar k where k.id = c.calendar_id) as calendar_version";

    static final String ROW = "select " + COLUMNS + " from service_case c where c.id = $1";
    static final String ROW_FOR_UPDATE = ROW + " for update";

    /** The item, hall and ticket checks of an intake, and the case this caller made in this hall under the same key. */
    static final String INTAKE = """
            select i.code, i.name, i.department, i.category, i.committed_days, i.committed_seconds, i.statutory_days,
                   i.statutory_seconds, i.local_stage_days, i.warning_threshold_seconds, i.required_documents,
                   i.online_capable, i.tolerates_missing_documents,
                   h.code as hall, h.calendar_id, c.timezone,
                   (select id from service_case where hall_code = $2 and created_by = $5 and idempotency_key = $3) as existing,
                   (select t.status from ticket t where t.id = $4 and t.hall_code = $2) as ticket_status
            from (select 1) one
            left join service_item i on i.code = $1
            left join hall h on h.code = $2
            left join calendar c on c.id = h.calendar_id""";

    static final String KEYED = "select id from service_case where hall_code = $1 and created_by = $2 and idempotency_key = $3";

    /**
     * A new case under the hall's code, the local day and a random part ($30); a clashing number
     * inserts nothing.
     */
    static final String INSERT = """
            insert into service_case (id, case_number, verification_hash, verification_sealed, item_code, item_name, department, category,
                committed_days, committed_seconds, statutory_days, statutory_seconds, local_stage_days,
                warning_threshold_seconds, hall_code, calendar_id, channel, state, applicant_name_masked,
                applicant_id_masked, applicant_phone_masked, applicant_sealed, submitted_documents, missing_documents,
                notified_documents, created_at, created_by, accepted_at, idempotency_key, request_hash)
            values ($1, upper(replace($2, '-', '')) || to_char($3::date, 'YYYYMMDD') || '-' || $30,
                $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $2, $16, $17, $18, $19, $20, $21, $22,
                $23, $24, $24, $25, $26, $27, $28, $29)
            on conflict (case_number) do nothing""";

    /** A move of the case and its {@code case.moved} event (staff stream; the KPI rollups follow it). */
    static final String INSERT_TRANSITION = Outbox.sql("""
            with moved as (insert into case_transition (case_id, at, actor, action, from_state, to_state, reason, detail)
                           values ($1, $2, $3, $4, $5, $6, $7, $8))
            insert into outbox select hall_code, 'case.moved', jsonb_build_object('caseId', id, 'state', $6::text)
            from service_case where id = $1""");
    static final String INSERT_VISIT = "insert into case_visit (case_id, ticket_id, at) values ($1, $2, $3)";
    static final String RUNNING_PAUSE = "select kind from case_pause where case_id = $1 and ended_at is null";
    static final String INSERT_PAUSE = "insert into case_pause (case_id, kind, procedure, reason, started_at, limit_days, limit_seconds) "
            + "values ($1, $2, $3, $4, $5, $6, $7)";
    static final String END_PAUSE = "update case_pause set ended_at = $2 where case_id = $1 and ended_at is null";
    /** The moves, each setting its own timestamp from $8; only from the version read ($7). */
    static final String MOVE = move("");
    static final String MOVE_ACCEPTED = move("accepted_at = $8,");
    static final String MOVE_CLOSED = move("closed_at = $8,");
    static final String MOVE_FORWARDED = move("forwarded_at = coalesce(forwarded_at, $8),");
    static final String MOVE_RETURNED = move("returned_at = $8,");
    static final String MOVE_DELIVERED = move("delivered_at = $8,");
    /** The dues and card as the clock reads them; $6 the local stage's due while that stage runs (else null). */
    static final String STORE_DUES = "update service_case set committed_due = $2, statutory_due = $3, yellow_from = $4, card = $5, "
            + "stage_due = $6 where id = $1";
    static final String OPEN_ON_CALENDAR = "select id from service_case where calendar_id = $1 and accepted_at is not null and state in "
            + CaseSql.OPEN;
    static final String HISTORY = "select at, actor, action, from_state, to_state, reason, detail from case_transition where case_id = $1 order by id";
    static final String PUBLIC_CASE = "select id, case_number, verification_hash, item_name, state, applicant_name_masked, "
            + "exists (select 1 from rating g where g.case_id = service_case.id and g.subject = 'CASE') as rated from service_case "
            + "where case_number = $1";
    static final String PUBLIC_STEPS = "select to_state, at from case_transition where case_id = $1 order by id";
    static final String LIST_FROM = " from service_case c where ";
    static final String LIST_ORDER = " order by c.created_at desc, c.id";

    private final LongAdder statements = new LongAdder();

    @Inject
    Pool pool;

    private static String pauseArray(String column) {
        return "array(select p." + column + " from case_pause p where p.case_id = c.id order by p.id)";
    }

    private static String move(String timestamp) {
        return "update service_case set state = $2, suspended_from = $3, missing_documents = $4, notified_documents = $5, "
                + "one_time_notice_violations = $6, " + timestamp + " version = version + 1 where id = $1 and version = $7 "
                + "and $8::timestamptz is not null";
    }

    /** The statement of a move: the timestamp its clock effect (or the delivery) sets. */
    static String move(CaseStateMachine.Move move) {
        return switch (move.clock()) {
            case START -> MOVE_ACCEPTED;
            case STOP -> MOVE_CLOSED;
            case LOCAL_STAGE_END -> MOVE_FORWARDED;
            case UPSTREAM_STAGE_END -> MOVE_RETURNED;
            default -> move.to() == CaseState.DELIVERED ? MOVE_DELIVERED : MOVE;
        };
    }

    /** Runs one statement, counted. */
    Uni<RowSet<Row>> run(SqlClient client, String sql, Tuple params) {
        statements.increment();
        return client.preparedQuery(sql).execute(params);
    }

    Uni<RowSet<Row>> run(String sql, Tuple params) {
        return run(pool, sql, params);
    }

    /** Statements run so far: a seam for the test that holds the case list to two. */
    long statements() {
        return statements.sum();
    }

    /** The case, or a 404. */
    Uni<CaseRow> row(SqlClient client, UUID id) {
        return run(client, ROW, Tuple.of(id)).map(rows -> first(rows, id));
    }

    Uni<CaseRow> row(UUID id) {
        return row(pool, id);
    }

    /** The case locked for a move, or a 404. */
    Uni<CaseRow> lockedRow(SqlClient client, UUID id) {
        return run(client, ROW_FOR_UPDATE, Tuple.of(id)).map(rows -> first(rows, id));
    }

    private static CaseRow first(RowSet<Row> rows, UUID id) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("case", id.toString());
        }
        return CaseRow.of(rows.iterator().next());
    }

    /** Inserts the case under a fresh random part of its number, drawn again on the rare clash. */
    Uni<Void> insertNumbered(SqlClient client, Tuple params, int attempt) {
        return run(client, INSERT, with(params, CaseNumbers.randomPart()))
                .chain(rows -> {
                    if (rows.rowCount() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempt >= CaseNumbers.NUMBER_ATTEMPTS) {
                        return Uni.createFrom().failure(new IllegalStateException("no free case number after " + attempt + " tries"));
                    }
                    return insertNumbered(client, params, attempt + 1);
                });
    }

    private static Tuple with(Tuple base, Object extra) {
        List<Object> values = new ArrayList<>(base.size() + 1);
        for (int i = 0; i < base.size(); i++) {
            values.add(base.getValue(i));
        }
        values.add(extra);
        return Tuple.from(values);
    }

    Uni<Void> recordTransition(SqlClient client, UUID id, OffsetDateTime at, String actor, String action, CaseState from,
                               CaseState to, String reason, JsonObject detail) {
        return run(client, INSERT_TRANSITION, Tuple.tuple().addUUID(id).addOffsetDateTime(at).addString(actor).addString(action)
                .addString(from == null ? null : from.name()).addString(to.name()).addString(reason).addValue(detail))
                .replaceWithVoid();
    }

    /** Whether the running pause is a supplement; null when none runs. */
    Uni<Boolean> pausedForSupplement(SqlClient client, UUID id) {
        return run(client, RUNNING_PAUSE, Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : "SUPPLEMENT".equals(rows.iterator().next().getString(0)));
    }

    Uni<List<TransitionView>> history(UUID id) {
        return run(HISTORY, Tuple.of(id)).map(rows -> {
            List<TransitionView> history = new ArrayList<>();
            for (Row r : rows) {
                history.add(new TransitionView(r.getOffsetDateTime("at"), r.getString("actor"), r.getString("action"),
                        r.getString("from_state"), r.getString("to_state"), r.getString("reason"),
                        TransitionView.detailOf(r.getValue("detail"))));
            }
            return history;
        });
    }

    /** A page of cases and the count of all that match: two statements, limit and offset bound. */
    Uni<Page> page(CaseFilter filter, OffsetDateTime now, int page, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        filter.appendTo(where, params, now);
        String base = LIST_FROM + where;
        Tuple counted = Tuple.from(params);
        params.add((long) size);
        params.add((long) page * size);
        String paged = "select " + COLUMNS + base + LIST_ORDER + " limit $" + (params.size() - 1) + " offset $" + params.size();
        return run("select count(*)" + base, counted)
                .chain(count -> run(paged, Tuple.from(params))
                        .map(rows -> new Page(rows(rows), count.iterator().next().getLong(0))));
    }

    /** One page of rows and the total. */
    record Page(List<CaseRow> rows, long total) {
    }

    Uni<List<UUID>> openOnCalendar(String calendarId) {
        return run(OPEN_ON_CALENDAR, Tuple.of(calendarId)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID(0)));
            return ids;
        });
    }

    private static List<CaseRow> rows(RowSet<Row> rows) {
        List<CaseRow> list = new ArrayList<>(rows.size());
        rows.forEach(r -> list.add(CaseRow.of(r)));
        return list;
    }
}
