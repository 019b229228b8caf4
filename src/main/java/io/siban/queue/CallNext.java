package io.siban.queue;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.OutboxPublisher;
import io.siban.queue.dto.TicketView;
import io.siban.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A window calls the next ticket: one locking statement chooses and calls it ({@link TicketStore#CALL_HEAD}),
 * one more records the call's step, reason and event. Everything found in the database fails the Uni.
 */
@ApplicationScoped
public class CallNext {
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    LineOrder lineOrder;
    @Inject
    OutboxPublisher publisher;

    /**
     * Calls the next ticket for a window, or emits null when nobody waits for it. An open, free window
     * whose queues are all empty gets its answer from one read of the waiting counts, without the
     * locking transaction: a clerk pressing "next" on a quiet window is the commonest call of all.
     */
    public Uni<TicketView> callNext(String hall, int windowNumber, Caller caller) {
        return pool.preparedQuery(TicketStore.NOBODY_WAITING)
                .execute(Tuple.of(hall, windowNumber))
                .chain(rows -> rows.size() == 1 && rows.iterator().next().getBoolean("nobody")
                        ? Uni.createFrom().nullItem()
                        : callNextInLine(hall, windowNumber, caller.actor()));
    }

    private Uni<TicketView> callNextInLine(String hall, int windowNumber, String actor) {
        return pool.withTransaction(conn -> lockWindow(conn, hall, windowNumber)
                        .chain(queues -> callHead(conn, hall, windowNumber, queues, actor)))
                .invoke(view -> {
                    if (view != null) {
                        publisher.wake();
                    }
                });
    }

    /** The window locked for the call, and the queues it serves; a failed Uni when it is missing, closed or busy. */
    private static Uni<String[]> lockWindow(SqlConnection conn, String hall, int number) {
        return conn.preparedQuery(TicketStore.LOCK_WINDOW)
                .execute(Tuple.of(hall, number))
                .chain(rows -> TicketGuard.failOr(refusal(rows, hall, number),
                        rows.size() == 0 ? null : rows.iterator().next().getArrayOfStrings("queues")));
    }

    private static ProblemException refusal(RowSet<Row> rows, String hall, int number) {
        if (rows.size() == 0) {
            return ProblemException.notFound("window", hall + "/" + number);
        }
        Row r = rows.iterator().next();
        if (!"OPEN".equals(r.getString("status"))) {
            return ProblemException.conflict("window " + number + " is " + r.getString("status") + "; open it before calling");
        }
        if (r.getBoolean("busy")) {
            return ProblemException.conflict("window " + number + " still has a called or serving ticket; "
                    + "finish, mark no-show or transfer it first");
        }
        return null;
    }

    private Uni<TicketView> callHead(SqlConnection conn, String hall, int windowNumber, String[] queues, String actor) {
        OffsetDateTime now = clocks.now();
        return conn.preparedQuery(TicketStore.CALL_HEAD)
                .execute(Tuple.of(hall, queues, windowNumber, now, actor))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : recordCall(conn, rows.iterator().next(), hall, windowNumber, now, actor));
    }

    /** Records the call's step, its reason on the ticket, and its event; emits the called ticket. */
    private Uni<TicketView> recordCall(SqlConnection conn, Row row, String hall, int windowNumber, OffsetDateTime now, String actor) {
        TicketRow called = TicketRow.of(row);
        LineOrder.CallReason reason = LineOrder.reason(called.priority(), row.getBoolean("earlier"),
                row.getBoolean("higher"), called.targetWindow() != null);
        String detail = reasonDetail(called, reason);
        JsonObject event = TicketEvent.json(called, clocks.now()).put("window", windowNumber).put("reason", reason.code)
                .put("waitSeconds", Duration.between(called.issuedAt(), now).toSeconds());
        return conn.preparedQuery(TicketStore.RECORD_CALL)
                .execute(Tuple.tuple().addUUID(called.id()).addOffsetDateTime(now).addString(actor)
                        .addInteger(windowNumber).addString(detail).addString(reason.code)
                        .addString(hall).addValue(event))
                .map(ignored -> TicketViews.view(called, reason.code, detail));
    }

    private String reasonDetail(TicketRow t, LineOrder.CallReason reason) {
        return switch (reason) {
            case TRANSFER -> t.number() + " was transferred to this window";
            case AGED -> t.number() + " (" + t.priority() + ") waited past the head start of a higher class waiting";
            case PRIORITY -> t.number() + " is " + t.priority() + " (head start " + lineOrder.headStart(t.priority())
                    + ") and went ahead of earlier arrivals";
            case FIFO -> t.number() + " (" + t.priority() + ") was first in line";
        };
    }
}
