package io.siban.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.live.LiveView;
import io.siban.outbox.Outbox;
import io.siban.live.OutboxPublisher;
import io.siban.security.Scope;
import io.siban.queue.dto.FinishRequest;
import io.siban.queue.dto.IssueRequest;
import io.siban.queue.dto.RatingRequest;
import io.siban.queue.dto.TicketView;
import io.siban.queue.dto.TransferRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ticket life cycle on the Vert.x PostgreSQL pool: each operation is one short transaction
 * that also appends its events to the outbox.
 */
@ApplicationScoped
public class TicketService {
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    PersonalData personalData;
    @Inject
    QueueConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxPublisher publisher;
    @Inject
    LiveView live;
    @Inject
    TicketWriter writer;
    @Inject
    TicketKeys keys;

    private LineOrder lineOrder;

    /** A ticket and whether this request created it (false: an idempotent retry). */
    public record Issued(TicketView ticket, boolean created) {
    }

    private record HallQueue(ZoneId zone, String queue, String prefix, String itemCode, Integer dailyQuota, UUID existing) {
    }

    LineOrder lineOrder() {
        if (lineOrder == null) {
            lineOrder = LineOrder.from(config);
        }
        return lineOrder;
    }

    // ---------------------------------------------------------------- issuing

    public Uni<Issued> issue(String hall, IssueRequest raw, String idempotencyKey) {
        IssueRequest request = TicketRules.issue(raw, idempotencyKey);
        TicketOrder order = order(hall, request, idempotencyKey);
        Uni<Issued> issued = order.plain()
                ? writer.writePlain(order)
                        .onFailure(TicketService::keyTakenMeanwhile).recoverWithNull()
                        .chain(row -> row != null ? answer(order, row) : carefully(order, request))
                : carefully(order, request);
        return issued.map(done -> {
            if (done.created()) {
                publisher.wake();
            }
            return new Issued(done.ticket().withAccess(keys.of(done.ticket().id())), done.created());
        });
    }

    private static boolean keyTakenMeanwhile(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).contains("idempotency");
    }

    /**
     * The path for every order the group commit left out: resolves it on its own (finding a key used
     * before, an unknown item or queue) and writes it with its quota and the one-pending rule.
     */
    private Uni<Issued> carefully(TicketOrder order, IssueRequest request) {
        String hall = order.hall();
        String key = order.idempotencyKey();
        return resolve(hall, request, key)
                .chain(target -> {
                    if (target.existing() != null) {
                        return replay(hall, key, order.requestHash());
                    }
                    LocalDate serviceDate = order.issuedAt().atZoneSameInstant(target.zone()).toLocalDate();
                    NewTicket ticket = new NewTicket(order, target.queue(), target.prefix(), target.itemCode(), serviceDate,
                            target.dailyQuota());
                    return writer.writeOne(ticket).chain(row -> row != null ? answer(order, row)
                            : Uni.createFrom().failure(ProblemException.businessRule("quota-reached", "today's quota of "
                            + target.dailyQuota() + " tickets for item '" + target.itemCode() + "' is used up")));
                })
                .onFailure(PgException.class).recoverWithUni(failure -> {
                    PgException pg = (PgException) failure;
                    if (keyTakenMeanwhile(pg)) {
                        return replay(hall, key, order.requestHash());
                    }
                    if ("23505".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("one_pending")) {
                        return Uni.createFrom().failure(ProblemException.businessRule("pending-ticket",
                                "this ID number already has a pending ticket for item " + request.itemCode()));
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private Issued sameRequestOrFail(TicketRow existing, String requestHash) {
        if (!requestHash.equals(existing.requestHash())) {
            throw ProblemException.businessRule("idempotency-key-reused",
                    "this Idempotency-Key was used for a different request; use a new key");
        }
        return new Issued(view(existing, null, null), false);
    }

    private Uni<Issued> replay(String hall, String key, String requestHash) {
        return pool.preparedQuery("select " + TicketRow.COLUMNS + " from ticket where hall_code = $1 and idempotency_key = $2")
                .execute(Tuple.of(hall, key))
                .map(rows -> sameRequestOrFail(TicketRow.of(rows.iterator().next()), requestHash))
                .chain(issued -> withWait(issued.ticket()).map(view -> new Issued(view, false)));
    }

    /** One round trip: the hall's time zone, the item and its queue, and any ticket already issued under the key. */
    private Uni<HallQueue> resolve(String hall, IssueRequest request, String key) {
        return pool.preparedQuery("""
                        select c.timezone, i.code as item_code, i.daily_quota, i.queue_code as item_queue, q.code as queue_code, q.prefix,
                               (select t.id from ticket t where t.hall_code = h.code and t.idempotency_key = $4) as existing
                        from hall h join calendar c on c.id = h.calendar_id
                        left join service_item i on i.code = $2
                        left join hall_queue q on q.hall_code = h.code and q.code = coalesce($3, i.queue_code)
                        where h.code = $1""")
                .execute(Tuple.of(hall, request.itemCode(), request.queueCode(), key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("hall", hall);
                    }
                    Row r = rows.iterator().next();
                    if (r.getUUID("existing") != null) {
                        return new HallQueue(null, null, null, null, null, r.getUUID("existing"));
                    }
                    if (request.itemCode() != null && r.getString("item_code") == null) {
                        throw ProblemException.businessRule("unknown-item", "item '" + request.itemCode() + "' is not in the catalogue");
                    }
                    if (request.itemCode() != null && request.queueCode() != null && r.getString("item_queue") != null
                            && !request.queueCode().equals(r.getString("item_queue"))) {
                        throw ProblemException.businessRule("wrong-queue", "item '" + request.itemCode() + "' is served in queue '"
                                + r.getString("item_queue") + "', not '" + request.queueCode() + "'");
                    }
                    if (r.getString("queue_code") == null) {
                        String wanted = request.queueCode() != null ? request.queueCode() : r.getString("item_queue");
                        throw ProblemException.businessRule("unknown-queue", wanted == null
                                ? "item '" + request.itemCode() + "' has no queue; give queueCode"
                                : "hall '" + hall + "' has no queue '" + wanted + "'");
                    }
                    return new HallQueue(ZoneId.of(r.getString("timezone")), r.getString("queue_code"), r.getString("prefix"),
                            r.getString("item_code"), r.getInteger("daily_quota"), null);
                });
    }

    private TicketOrder order(String hall, IssueRequest request, String key) {
        OffsetDateTime now = clocks.now();
        var applicant = request.applicant();
        String idNumber = applicant == null ? null : applicant.idNumber();
        String phone = applicant == null ? null : applicant.phone();
        String sealed = applicant == null ? null : personalData.seal(jsonOf(applicant));
        OffsetDateTime lineKey = lineOrder().lineKey(now.toInstant(), request.priority()).atOffset(now.getOffset());
        boolean checkPending = config.onePendingPerApplicant() && idNumber != null;
        return new TicketOrder(hall, request.itemCode(), request.queueCode(), UUID.randomUUID(), request.channel().name(),
                request.priority().name(), lineKey, now, applicant == null ? null : PersonalData.maskName(applicant.name()),
                checkPending ? personalData.hash(idNumber) : null, PersonalData.maskId(idNumber), PersonalData.maskPhone(phone),
                sealed, request.appointmentId(), key, requestHash(hall, request));
    }

    /** The new ticket's answer: its place in line and estimated wait. */
    private Uni<Issued> answer(TicketOrder order, Row row) {
        TicketView view = view(TicketRow.of(row), null, null);
        if (!Priority.NORMAL.name().equals(order.priority())) {
            // a head start puts it somewhere inside the line: count its place (rare, so a second round trip)
            return withWait(view).map(placed -> new Issued(placed, true));
        }
        long ahead = row.getLong("waiting_before");
        int open = row.getLong("open_windows").intValue();
        return live.meanServiceTime(order.hall(), view.queue()).map(mean -> {
            WaitEstimator.Estimate estimate = WaitEstimator.estimate(ahead, open, mean);
            return new Issued(withPosition(view, (int) ahead + 1, new TicketView.EstimatedWait(estimate.p50(), estimate.p90())), true);
        });
    }

    // ---------------------------------------------------------------- calling

    /** Whether window {@code w} still has a called or serving ticket (it must deal with it before calling again). */
    private static final String WINDOW_BUSY = """
            exists (select 1 from ticket t where t.hall_code = w.hall_code and t.window_number = w.number
                    and t.status in ('CALLED', 'SERVING'))""";

    /**
     * Calls the next ticket for a window, or emits null when nobody waits for it. An open, free window
     * whose queues are all empty gets its answer from one read of the waiting counts, without the
     * locking transaction: a clerk pressing "next" on a quiet window is the commonest call of all.
     */
    public Uni<TicketView> callNext(String hall, int windowNumber, String actor) {
        return pool.preparedQuery("""
                        select w.status = 'OPEN' and coalesce((select sum(q.waiting) from queue_waiting q
                                   where q.hall_code = w.hall_code and q.queue_code = any(w.queues)), 0) = 0
                               and not %s as nobody
                        from hall_window w where w.hall_code = $1 and w.number = $2""".formatted(WINDOW_BUSY))
                .execute(Tuple.of(hall, windowNumber))
                .chain(rows -> rows.size() == 1 && rows.iterator().next().getBoolean("nobody")
                        ? Uni.createFrom().nullItem()
                        : callNextInLine(hall, windowNumber, actor));
    }

    /**
     * Tickets read from the head of each queue a window serves. Windows calling at the same moment lock
     * the ones they take and skip each other's, so more than this many calls on one queue at the very
     * same instant could find no free ticket and answer 204, which the clerk simply repeats.
     */
    static final int HEADS_PER_QUEUE = 32;

    private Uni<TicketView> callNextInLine(String hall, int windowNumber, String actor) {
        return pool.withTransaction(conn -> lockWindow(conn, hall, windowNumber).chain(window -> {
                    OffsetDateTime now = clocks.now();
                    return conn.preparedQuery("""
                                    with heads as (
                                        -- the first tickets of each queue, read in line order from the index: the
                                        -- cost of a call does not grow with the length of the line
                                        select h.id, h.line_key, h.seq from unnest($2::text[]) as q(code)
                                        cross join lateral (select id, line_key, seq from ticket
                                                            where hall_code = $1 and queue_code = q.code and status = 'WAITING'
                                                              and (target_window is null or target_window = $3)
                                                            order by line_key, seq limit %d) h),
                                    next as (
                                        -- in line order, lock the first that no other window is taking (rows
                                        -- already locked are skipped, rows after the chosen one are not touched)
                                        select t.id, t.line_key, t.issued_at, t.priority
                                        from (select id, line_key, seq from heads order by line_key, seq) h
                                        cross join lateral (select id, line_key, issued_at, priority from ticket t
                                                            where t.id = h.id and t.status = 'WAITING'
                                                            for update skip locked) t
                                        limit 1),
                                    facts as (
                                        -- an earlier arrival still waiting has its line key before the chosen one's
                                        -- arrival: probed in each queue from the head of its line, in index order (as
                                        -- one probe over all queues, PostgreSQL may guess a match comes soon and scan
                                        -- the whole table for it); a higher class is never NORMAL: its own index
                                        select exists (select 1 from unnest($2::text[]) as q(code)
                                                       cross join lateral (select 1 from ticket o
                                                                           where o.hall_code = $1 and o.queue_code = q.code
                                                                             and o.status = 'WAITING' and o.line_key < n.issued_at
                                                                             and (o.target_window is null or o.target_window = $3)
                                                                             and o.id <> n.id and o.issued_at < n.issued_at
                                                                           order by o.line_key, o.seq limit 1) e) as earlier,
                                               exists (select 1 from ticket o where o.hall_code = $1 and o.queue_code = any($2)
                                                         and o.status = 'WAITING' and o.priority <> 'NORMAL'
                                                         and (o.target_window is null or o.target_window = $3)
                                                         and o.id <> n.id and %s > %s) as higher
                                        from next n)
                                    update ticket t set status = 'CALLED', window_number = $3, called_at = $4, called_by = $5,
                                        version = version + 1
                                    from next, facts where t.id = next.id
                                    returning facts.earlier, facts.higher, t.*"""
                                    .formatted(HEADS_PER_QUEUE, Priority.SQL_RANK.formatted("o.priority"), Priority.SQL_RANK.formatted("n.priority")))
                            .execute(Tuple.of(hall, window.queues(), windowNumber, now, actor))
                            .chain(rows -> {
                                if (rows.size() == 0) {
                                    return Uni.createFrom().nullItem();
                                }
                                Row row = rows.iterator().next();
                                TicketRow called = TicketRow.of(row);
                                LineOrder.CallReason reason = LineOrder.reason(called.priority(), row.getBoolean("earlier"),
                                        row.getBoolean("higher"), called.targetWindow() != null);
                                String detail = reasonDetail(called, reason);
                                JsonObject event = event(called).put("window", windowNumber).put("reason", reason.code)
                                        .put("waitSeconds", Duration.between(called.issuedAt(), now).toSeconds());
                                return conn.preparedQuery(RECORD_CALL)
                                        .execute(Tuple.tuple().addUUID(called.id()).addOffsetDateTime(now).addString(actor)
                                                .addInteger(windowNumber).addString(detail).addString(reason.code)
                                                .addString(hall).addValue(event))
                                        .map(ignored -> view(called, reason.code, detail));
                            });
                }))
                .invoke(view -> {
                    if (view != null) {
                        publisher.wake();
                    }
                });
    }

    /** The call's step, its reason on the ticket, and its event, in one round trip. */
    private static final String RECORD_CALL = Outbox.sql("""
            with s as (insert into ticket_step (ticket_id, step, at, actor, window_number, detail)
                       values ($1, 'CALLED', $2, $3, $4, $5)),
            u as (update ticket set call_reason = $6, call_detail = $5 where id = $1)
            insert into outbox values ($7, 'ticket.called', $8)""");

    private record LockedWindow(String[] queues) {
    }

    private Uni<LockedWindow> lockWindow(SqlConnection conn, String hall, int number) {
        return conn.preparedQuery("""
                        select w.status, w.queues, %s as busy
                        from hall_window w where w.hall_code = $1 and w.number = $2
                        for update of w""".formatted(WINDOW_BUSY))
                .execute(Tuple.of(hall, number))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("window", hall + "/" + number);
                    }
                    Row r = rows.iterator().next();
                    if (!"OPEN".equals(r.getString("status"))) {
                        throw ProblemException.conflict("window " + number + " is " + r.getString("status") + "; open it before calling");
                    }
                    if (r.getBoolean("busy")) {
                        throw ProblemException.conflict("window " + number + " still has a called or serving ticket; "
                                + "finish, mark no-show or transfer it first");
                    }
                    return new LockedWindow(r.getArrayOfStrings("queues"));
                });
    }

    private String reasonDetail(TicketRow t, LineOrder.CallReason reason) {
        return switch (reason) {
            case TRANSFER -> t.number() + " was transferred to this window";
            case AGED -> t.number() + " (" + t.priority() + ") waited past the head start of a higher class waiting";
            case PRIORITY -> t.number() + " is " + t.priority() + " (head start " + lineOrder().headStart(t.priority())
                    + ") and went ahead of earlier arrivals";
            case FIFO -> t.number() + " (" + t.priority() + ") was first in line";
        };
    }

    // ---------------------------------------------------------------- the rest of the life cycle

    /** Re-announces a called ticket. */
    public Uni<TicketView> recall(UUID id, Scope scope, String actor) {
        return move(id, scope, actor, Set.of(TicketStatus.CALLED), "RECALLED", "ticket.recalled",
                "recalls = recalls + 1", Tuple.tuple());
    }

    public Uni<TicketView> noShow(UUID id, Scope scope, String actor) {
        return move(id, scope, actor, Set.of(TicketStatus.CALLED), "NO_SHOW", "ticket.no_show",
                "status = 'NO_SHOW', no_show_at = %now", Tuple.tuple());
    }

    public Uni<TicketView> start(UUID id, Scope scope, String actor) {
        return move(id, scope, actor, Set.of(TicketStatus.CALLED), "STARTED", "ticket.started",
                "status = 'SERVING', started_at = %now", Tuple.tuple());
    }

    public Uni<TicketView> cancel(UUID id, Scope scope, String actor) {
        return move(id, scope, actor, Set.of(TicketStatus.WAITING, TicketStatus.CALLED), "CANCELLED",
                "ticket.cancelled", "status = 'CANCELLED', cancelled_at = %now", Tuple.tuple());
    }

    public Uni<TicketView> finish(UUID id, FinishRequest raw, Scope scope, String actor) {
        FinishRequest request = TicketRules.finish(raw);
        Tuple extra = Tuple.tuple().addString(request.outcome().name()).addUUID(request.caseId())
                .addArrayOfString(request.missingDocuments().isEmpty() ? null : request.missingDocuments().toArray(String[]::new));
        return move(id, scope, actor, Set.of(TicketStatus.SERVING), "FINISHED:" + request.outcome(), "ticket.finished",
                "status = 'DONE', finished_at = %now, outcome = $4, case_id = $5, missing_documents = $6", extra,
                (conn, ticket) -> request.caseId() == null ? Uni.createFrom().voidItem() : linkVisit(conn, ticket, request.caseId()));
    }

    /** A served ticket that accepted a case is one physical visit of that case (最多跑一次). */
    private Uni<Void> linkVisit(SqlConnection conn, TicketRow ticket, UUID caseId) {
        return conn.preparedQuery("""
                        with c as (select id from service_case where id = $1 and hall_code = $4),
                        visit as (insert into case_visit (case_id, ticket_id, at) select id, $2, $3 from c on conflict do nothing)
                        select id from c""")
                .execute(Tuple.of(caseId, ticket.id(), clocks.now(), ticket.hall()))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.businessRule("unknown-case", "case " + caseId + " is not a case of hall '" + ticket.hall() + "'");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<TicketView> rate(UUID id, RatingRequest raw, Scope scope, String actor) {
        RatingRequest request = TicketRules.rating(raw);
        Tuple extra = Tuple.tuple().addInteger(request.score()).addString(request.comment());
        return move(id, scope, actor, Set.of(TicketStatus.DONE), "RATED:" + request.score(), "ticket.rated",
                "rating = $4, rating_comment = $5, rated_at = %now", extra);
    }

    /** Back into line after a no-show, within the grace period, behind the configured number of waiting tickets. */
    public Uni<TicketView> reactivate(UUID id, Scope scope, String actor) {
        return pool.withTransaction(conn -> current(conn, id).chain(ticket -> {
                    checkHall(ticket, scope);
                    OffsetDateTime now = clocks.now();
                    if (ticket.status() != TicketStatus.NO_SHOW) {
                        throw ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; only a no-show can be reactivated");
                    }
                    if (ticket.noShowAt().plus(config.noShowGrace()).isBefore(now)) {
                        throw ProblemException.conflict("the " + config.noShowGrace().toMinutes()
                                + "-minute grace period after the no-show has passed; take a new ticket");
                    }
                    return conn.preparedQuery("""
                                    update ticket t set status = 'WAITING', window_number = null, called_at = null,
                                        line_key = coalesce(
                                            (select w.line_key + interval '1 microsecond' from ticket w
                                             where w.hall_code = t.hall_code and w.queue_code = t.queue_code and w.status = 'WAITING'
                                             order by w.line_key, w.seq offset $2 - 1 limit 1),
                                            greatest($3, (select max(w.line_key) + interval '1 microsecond' from ticket w
                                             where w.hall_code = t.hall_code and w.queue_code = t.queue_code and w.status = 'WAITING'))),
                                        version = version + 1
                                    where id = $1 and status = 'NO_SHOW'
                                    returning\s""" + TicketRow.COLUMNS)
                            .execute(Tuple.of(id, Math.max(1, config.reactivatePenaltyPosition()), now))
                            .map(rows -> TicketRow.of(rows.iterator().next()))
                            .call(updated -> step(conn, id, "REACTIVATED", now, actor, null, null))
                            .call(updated -> Outbox.append(conn, updated.hall(), "ticket.reactivated", event(updated)));
                }))
                .invoke(publisher::wake)
                .map(row -> view(row, null, null))
                .chain(this::withWait);
    }

    public Uni<TicketView> transfer(UUID id, TransferRequest request, Scope scope, String actor) {
        if (request == null || (request.queueCode() == null && request.windowNumber() == null)) {
            throw ProblemException.invalid("queueCode", "give queueCode, windowNumber or both");
        }
        return pool.withTransaction(conn -> current(conn, id).chain(ticket -> {
                    checkHall(ticket, scope);
                    if (!TicketStatus.PENDING.contains(ticket.status())) {
                        throw ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; it cannot be transferred");
                    }
                    String queue = request.queueCode() != null ? request.queueCode() : ticket.queue();
                    return conn.preparedQuery("""
                                    select (select count(*) from hall_queue where hall_code = $1 and code = $2) as queue_exists,
                                           (select queues from hall_window where hall_code = $1 and number = $3) as window_queues""")
                            .execute(Tuple.of(ticket.hall(), queue, request.windowNumber() == null ? -1 : request.windowNumber()))
                            .chain(rows -> {
                                Row r = rows.iterator().next();
                                if (r.getLong("queue_exists") == 0) {
                                    throw ProblemException.businessRule("unknown-queue", "hall '" + ticket.hall() + "' has no queue '" + queue + "'");
                                }
                                String[] windowQueues = r.getArrayOfStrings("window_queues");
                                if (request.windowNumber() != null && windowQueues == null) {
                                    throw ProblemException.businessRule("unknown-window", "hall '" + ticket.hall() + "' has no window " + request.windowNumber());
                                }
                                if (windowQueues != null && !List.of(windowQueues).contains(queue)) {
                                    throw ProblemException.businessRule("window-does-not-serve-queue",
                                            "window " + request.windowNumber() + " does not serve queue '" + queue + "'");
                                }
                                OffsetDateTime now = clocks.now();
                                return conn.preparedQuery("""
                                                update ticket set status = 'WAITING', queue_code = $2, target_window = $3, window_number = null,
                                                    called_at = null, started_at = null, version = version + 1
                                                where id = $1 returning\s""" + TicketRow.COLUMNS)
                                        .execute(Tuple.of(id, queue, request.windowNumber()))
                                        .map(updated -> TicketRow.of(updated.iterator().next()))
                                        .call(updated -> step(conn, id, "TRANSFERRED", now, actor, ticket.window(),
                                                "to queue " + queue + (request.windowNumber() == null ? "" : ", window " + request.windowNumber())))
                                        .call(updated -> Outbox.append(conn, updated.hall(), "ticket.transferred",
                                                event(updated).put("fromQueue", ticket.queue()).put("targetWindow", request.windowNumber())));
                            });
                }))
                .invoke(publisher::wake)
                .map(row -> view(row, null, null))
                .chain(this::withWait);
    }

    public Uni<TicketView> get(UUID id) {
        return pool.preparedQuery("select " + TicketRow.COLUMNS + " from ticket where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("ticket", id.toString());
                    }
                    return view(TicketRow.of(rows.iterator().next()), null, null);
                })
                .chain(this::withWait);
    }

    /** A status move guarded by the allowed current statuses; anything else is a 409 naming the current status. */
    private Uni<TicketView> move(UUID id, Scope scope, String actor, Set<TicketStatus> from,
                                 String step, String eventType, String assignments, Tuple extra) {
        return move(id, scope, actor, from, step, eventType, assignments, extra,
                (conn, ticket) -> Uni.createFrom().voidItem());
    }

    private Uni<TicketView> move(UUID id, Scope scope, String actor, Set<TicketStatus> from,
                                 String step, String eventType, String assignments, Tuple extra,
                                 java.util.function.BiFunction<SqlConnection, TicketRow, Uni<Void>> alsoInTransaction) {
        return pool.withTransaction(conn -> current(conn, id).chain(ticket -> {
                    checkHall(ticket, scope);
                    if (!from.contains(ticket.status())) {
                        throw ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; "
                                + step.split(":")[0].toLowerCase() + " needs " + from);
                    }
                    if (eventType.equals("ticket.rated") && ticket.rating() != null) {
                        throw ProblemException.conflict("ticket " + ticket.number() + " has already been rated");
                    }
                    OffsetDateTime now = clocks.now();
                    Tuple params = Tuple.tuple().addUUID(id).addArrayOfString(from.stream().map(Enum::name).toArray(String[]::new))
                            .addOffsetDateTime(now);
                    for (int i = 0; i < extra.size(); i++) {
                        params.addValue(extra.getValue(i));
                    }
                    String sql = "update ticket set " + assignments.replace("%now", "$3") + ", version = version + 1 "
                            + "where id = $1 and status = any($2) and $3::timestamptz is not null returning " + TicketRow.COLUMNS;
                    return conn.preparedQuery(sql).execute(params)
                            .map(rows -> {
                                if (rows.size() == 0) {
                                    throw ProblemException.conflict("ticket " + ticket.number() + " changed concurrently; reload and retry");
                                }
                                return TicketRow.of(rows.iterator().next());
                            })
                            .call(updated -> alsoInTransaction.apply(conn, updated))
                            .call(updated -> step(conn, id, step, now, actor, updated.window(), null))
                            .call(updated -> {
                                JsonObject payload = event(updated);
                                if (updated.startedAt() != null && updated.finishedAt() != null) {
                                    payload.put("serviceSeconds", Duration.between(updated.startedAt(), updated.finishedAt()).toSeconds());
                                }
                                return Outbox.append(conn, updated.hall(), eventType, payload);
                            });
                }))
                .invoke(publisher::wake)
                .map(row -> view(row, null, null))
                .chain(this::withWait);
    }

    private Uni<TicketRow> current(SqlConnection conn, UUID id) {
        return conn.preparedQuery("select " + TicketRow.COLUMNS + " from ticket where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("ticket", id.toString());
                    }
                    return TicketRow.of(rows.iterator().next());
                });
    }

    /** Refuses a caller who may not act on the ticket's hall, or at the window that has it (403). */
    private static void checkHall(TicketRow ticket, Scope scope) {
        checkHall(ticket.hall(), scope);
        if (ticket.window() != null && !scope.allowsWindow(ticket.hall(), ticket.window())) {
            throw ProblemException.forbidden("ticket " + ticket.number() + " is at window " + ticket.window()
                    + ", which is not one of this clerk's windows");
        }
    }

    /** Refuses a caller whose token does not cover the hall (403). */
    static void checkHall(String hall, Scope scope) {
        if (!scope.allows(hall)) {
            throw ProblemException.forbidden("this token may not act on hall '" + hall + "'");
        }
    }

    private static Uni<Void> step(SqlConnection conn, UUID ticket, String step, OffsetDateTime at, String actor,
                                  Integer window, String detail) {
        return conn.preparedQuery("insert into ticket_step (ticket_id, step, at, actor, window_number, detail) values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple().addUUID(ticket).addString(step).addOffsetDateTime(at).addString(actor)
                        .addInteger(window).addString(detail))
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- views

    /** Adds position and estimated wait to a waiting ticket. */
    private Uni<TicketView> withWait(TicketView view) {
        if (view.status() != TicketStatus.WAITING) {
            return Uni.createFrom().item(view);
        }
        return pool.preparedQuery("""
                        select (select count(*) from ticket w where w.hall_code = t.hall_code and w.queue_code = t.queue_code
                                  and w.status = 'WAITING' and (w.line_key, w.seq) < (t.line_key, t.seq)) as ahead,
                               (select count(*) from hall_window h where h.hall_code = t.hall_code and h.status = 'OPEN'
                                  and t.queue_code = any(h.queues)) as open_windows
                        from ticket t where t.id = $1""")
                .execute(Tuple.of(view.id()))
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    long ahead = r.getLong("ahead");
                    int open = r.getLong("open_windows").intValue();
                    return live.meanServiceTime(view.hall(), view.queue()).map(mean -> {
                        WaitEstimator.Estimate estimate = WaitEstimator.estimate(ahead, open, mean);
                        return withPosition(view, (int) ahead + 1, new TicketView.EstimatedWait(estimate.p50(), estimate.p90()));
                    });
                });
    }

    private static TicketView withPosition(TicketView v, int position, TicketView.EstimatedWait wait) {
        return new TicketView(v.id(), v.number(), v.hall(), v.queue(), v.status(), v.priority(), v.channel(), v.itemCode(),
                position, wait, v.issuedAt(), v.window(), v.targetWindow(), v.calledAt(), v.reason(), v.reasonDetail(),
                v.recalls(), v.startedAt(), v.finishedAt(), v.outcome(), v.caseId(), v.missingDocuments(), v.rating(), v.applicant(),
                v.accessKey(), v.trackUrl());
    }

    static TicketView view(TicketRow t, String reason, String detail) {
        TicketView.ApplicantView applicant = t.nameMasked() == null && t.idMasked() == null && t.phoneMasked() == null ? null
                : new TicketView.ApplicantView(t.nameMasked(), t.idMasked(), t.phoneMasked());
        return new TicketView(t.id(), t.number(), t.hall(), t.queue(), t.status(), t.priority(), t.channel(), t.itemCode(),
                null, null, t.issuedAt(), t.window(), t.targetWindow(), t.calledAt(),
                reason != null ? reason : t.callReason(), detail != null ? detail : t.callDetail(),
                t.recalls(), t.startedAt(), t.finishedAt(), t.outcome(), t.caseId(), t.missingDocuments(), t.rating(), applicant,
                null, null);
    }

    private JsonObject event(TicketRow t) {
        return new JsonObject().put("ticketId", t.id().toString()).put("number", t.number()).put("queue", t.queue())
                .put("status", t.status().name()).put("priority", t.priority().name())
                .put("window", t.window()).put("recalls", t.recalls()).put("at", clocks.now().toString());
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requestHash(String hall, IssueRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((hall + "|" + jsonOf(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
