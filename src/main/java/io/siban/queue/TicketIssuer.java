package io.siban.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.hall.HallHours;
import io.siban.outbox.OutboxPublisher;
import io.siban.queue.dto.IssueRequest;
import io.siban.queue.dto.TicketView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Issues tickets: a plain order goes to the group commit ({@link TicketWriter#writePlain}); any order it
 * leaves out is resolved on its own (a key used before, an unknown item or queue, a quota, the
 * one-pending rule). Each answer carries the ticket's place in line and its access key. The request is
 * checked before the Uni exists; everything found in the database fails the Uni. A hall outside its
 * service hours issues nothing; those are checked from memory ({@link HallHours}), without a statement.
 */
@ApplicationScoped
public class TicketIssuer {
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    PersonalData personalData;
    @Inject
    QueueConfig config;
    @Inject
    LineOrder lineOrder;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxPublisher publisher;
    @Inject
    TicketWriter writer;
    @Inject
    TicketKeys keys;
    @Inject
    TicketStore store;
    @Inject
    TicketViews views;
    @Inject
    ServiceTimes serviceTimes;
    @Inject
    HallHours serviceHours;
    @Inject
    AppointmentCheckIn checkIns;

    /** A ticket and whether this request created it (false: an idempotent retry). */
    public record Issued(TicketView ticket, boolean created) {
    }

    /** Where an order goes: its hall's zone, its queue and item; or the ticket already issued under its key. */
    private record HallQueue(ZoneId zone, String queue, String prefix, String itemCode, Integer dailyQuota, UUID existing) {
    }

    public Uni<Issued> issue(String hall, IssueRequest raw, String idempotencyKey) {
        IssueRequest request = TicketRules.issue(raw, idempotencyKey);
        TicketOrder order = order(hall, request, idempotencyKey);
        // a check-in is let in by its booking's window (its slot lies in the hall's hours); the hours gate the walk-ins
        ProblemException closed = request.channel() == Channel.APPOINTMENT ? null : serviceHours.closed(hall, order.issuedAt().toInstant());
        Uni<Issued> issued = closed != null ? earlierOr(order, closed)
                : request.channel() == Channel.APPOINTMENT ? checkIn(order, request)
                : order.plain()
                ? writer.writePlain(order)
                        .onFailure(TicketIssuer::keyTakenMeanwhile).recoverWithNull()
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
        return pool.preparedQuery(TicketStore.RESOLVE)
                .execute(Tuple.of(order.hall(), request.itemCode(), request.queueCode(), order.idempotencyKey()))
                .chain(rows -> resolved(rows, order.hall(), request))
                .chain(target -> target.existing() != null ? replay(order) : write(order, target))
                .onFailure(PgException.class).recoverWithUni(failure -> refused((PgException) failure, order, request));
    }

    /**
     * An appointment's check-in: the booking the code names gives the ticket its item, queue and applicant,
     * and is marked checked in with it in the ticket's transaction, so there is never a ticket without its
     * booking checked in nor a booking checked in without its ticket. The booking is its own quota: the
     * item's daily ticket quota does not apply. A key used before gets the ticket issued under it.
     */
    private Uni<Issued> checkIn(TicketOrder asked, IssueRequest request) {
        Uni<TicketRow> before = asked.idempotencyKey() == null ? Uni.createFrom().nullItem() : store.byKey(asked.hall(), asked.idempotencyKey());
        return before.chain(existing -> existing != null ? replay(asked) : pool.withTransaction(conn -> checkIns
                        .claim(conn, asked.hall(), request.appointmentCode(), asked.issuedAt())
                        .chain(booking -> checkedIn(conn, asked.forBooking(booking, config.onePendingPerApplicant()), booking, request)))
                .chain(written -> answer(written.order(), written.row())))
                .onFailure(PgException.class).recoverWithUni(failure -> refused((PgException) failure, asked, request))
                .onFailure(TicketIssuer::earlierMayExplain).recoverWithUni(failure -> earlierOr(asked, failure));
    }

    /** A refusal a concurrent request with the same key could have caused: its booking used, its pending ticket written. */
    private static boolean earlierMayExplain(Throwable failure) {
        return failure instanceof ProblemException p && p.status() == 422
                && (p.toProblem().type().endsWith("/appointment-unknown") || p.toProblem().type().endsWith("/pending-ticket"));
    }

    /**
     * The ticket issued under the order's key earlier or while this request waited (the same request sent twice
     * at once gets the first one's answer, not a refusal the first one caused; a retry after the hall closed gets
     * the ticket issued before); the refusal when there is none.
     */
    private Uni<Issued> earlierOr(TicketOrder order, Throwable refusal) {
        return order.idempotencyKey() == null ? Uni.createFrom().failure(refusal)
                : store.byKey(order.hall(), order.idempotencyKey())
                .chain(existing -> existing == null ? Uni.createFrom().failure(refusal) : replay(order));
    }

    /** A checked-in booking's ticket, as written in the transaction (answered once it has committed). */
    private record Written(TicketOrder order, Row row) {
    }

    private Uni<Written> checkedIn(io.vertx.mutiny.sqlclient.SqlConnection conn, TicketOrder order, AppointmentCheckIn.Booking booking,
                                   IssueRequest request) {
        return conn.preparedQuery(TicketStore.RESOLVE)
                // no key here: one taken meanwhile fails the insert on its unique index, and the retry gets its ticket
                .execute(Tuple.of(order.hall(), order.itemCode(), order.queueCode(), (String) null))
                .chain(rows -> resolved(rows, order.hall(), new IssueRequest(order.itemCode(), null, request.channel(),
                        request.priority(), null, null, null)))
                .chain(target -> writer.writeOne(conn, new NewTicket(order, target.queue(), target.prefix(), target.itemCode(),
                        order.issuedAt().atZoneSameInstant(target.zone()).toLocalDate(), null)))
                .call(row -> checkIns.checkedIn(conn, booking.id(), row.getUUID("id"), order.issuedAt()))
                .map(row -> new Written(order, row));
    }

    private Uni<Issued> write(TicketOrder order, HallQueue target) {
        LocalDate serviceDate = order.issuedAt().atZoneSameInstant(target.zone()).toLocalDate();
        NewTicket ticket = new NewTicket(order, target.queue(), target.prefix(), target.itemCode(), serviceDate, target.dailyQuota());
        return writer.writeOne(ticket).chain(row -> row != null ? answer(order, row)
                : Uni.createFrom().failure(ProblemException.businessRule("quota-reached", "today's quota of "
                + target.dailyQuota() + " tickets for item '" + target.itemCode() + "' is used up")));
    }

    /** A unique violation: the key was taken meanwhile (the ticket under it is the answer), or the one-pending rule. */
    private Uni<Issued> refused(PgException pg, TicketOrder order, IssueRequest request) {
        if (keyTakenMeanwhile(pg)) {
            return replay(order);
        }
        if ("23505".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("one_pending")) {
            return earlierOr(order, ProblemException.businessRule("pending-ticket",
                    "this ID number already has a pending ticket for item " + request.itemCode()));
        }
        return Uni.createFrom().failure(pg);
    }

    /** The ticket issued earlier under the order's key, if the order is the same request. */
    private Uni<Issued> replay(TicketOrder order) {
        return store.byKey(order.hall(), order.idempotencyKey())
                .chain(existing -> order.requestHash().equals(existing.requestHash())
                        ? views.withWait(TicketViews.view(existing, null, null))
                        : Uni.createFrom().failure(ProblemException.businessRule("idempotency-key-reused",
                        "this Idempotency-Key was used for a different request; use a new key")))
                .map(view -> new Issued(view, false));
    }

    private static Uni<HallQueue> resolved(RowSet<Row> rows, String hall, IssueRequest request) {
        if (rows.size() == 0) {
            return Uni.createFrom().failure(ProblemException.notFound("hall", hall));
        }
        Row r = rows.iterator().next();
        if (r.getUUID("existing") != null) {
            return Uni.createFrom().item(new HallQueue(null, null, null, null, null, r.getUUID("existing")));
        }
        ProblemException refused = unresolved(r, hall, request);
        return refused != null ? Uni.createFrom().failure(refused)
                : Uni.createFrom().item(new HallQueue(ZoneId.of(r.getString("timezone")), r.getString("queue_code"),
                r.getString("prefix"), r.getString("item_code"), r.getInteger("daily_quota"), null));
    }

    /** Why the order's item or queue does not resolve (422); null when it does. */
    private static ProblemException unresolved(Row r, String hall, IssueRequest request) {
        if (request.itemCode() != null && r.getString("item_code") == null) {
            return ProblemException.businessRule("unknown-item", "item '" + request.itemCode() + "' is not in the catalogue");
        }
        if (request.itemCode() != null && request.queueCode() != null && r.getString("item_queue") != null
                && !request.queueCode().equals(r.getString("item_queue"))) {
            return ProblemException.businessRule("wrong-queue", "item '" + request.itemCode() + "' is served in queue '"
                    + r.getString("item_queue") + "', not '" + request.queueCode() + "'");
        }
        if (r.getString("queue_code") == null) {
            String wanted = request.queueCode() != null ? request.queueCode() : r.getString("item_queue");
            return ProblemException.businessRule("unknown-queue", wanted == null
                    ? "item '" + request.itemCode() + "' has no queue; give queueCode"
                    : "hall '" + hall + "' has no queue '" + wanted + "'");
        }
        return null;
    }

    private TicketOrder order(String hall, IssueRequest request, String key) {
        OffsetDateTime now = clocks.now();
        var applicant = request.applicant();
        String idNumber = applicant == null ? null : applicant.idNumber();
        String phone = applicant == null ? null : applicant.phone();
        String sealed = applicant == null ? null : personalData.seal(jsonOf(applicant));
        OffsetDateTime lineKey = lineOrder.lineKey(now.toInstant(), request.priority()).atOffset(now.getOffset());
        boolean checkPending = config.onePendingPerApplicant() && idNumber != null;
        return new TicketOrder(hall, request.itemCode(), request.queueCode(), UUID.randomUUID(), request.channel().name(),
                request.priority().name(), lineKey, now, applicant == null ? null : PersonalData.maskName(applicant.name()),
                checkPending ? personalData.hash(idNumber) : null, PersonalData.maskId(idNumber), PersonalData.maskPhone(phone),
                sealed, request.appointmentId(), key, requestHash(hall, request));
    }

    /** The new ticket's answer: its place in line and estimated wait. */
    private Uni<Issued> answer(TicketOrder order, Row row) {
        TicketView view = TicketViews.view(TicketRow.of(row), null, null);
        if (!Priority.NORMAL.name().equals(order.priority())) {
            // a head start puts it somewhere inside the line: count its place (rare, so a second round trip)
            return views.withWait(view).map(placed -> new Issued(placed, true));
        }
        long ahead = row.getLong("waiting_before");
        int open = row.getLong("open_windows").intValue();
        return serviceTimes.mean(order.hall(), view.queue())
                .chain(mean -> views.withBookings(view, ahead, open, mean)).map(placed -> new Issued(placed, true));
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requestHash(String hall, IssueRequest request) {
        return personalData.fingerprint(hall + "|" + jsonOf(request));
    }
}
