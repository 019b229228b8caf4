package io.siban.queue;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.Outbox;
import io.siban.outbox.OutboxPublisher;
import io.siban.queue.dto.FinishRequest;
import io.siban.queue.dto.TicketView;
import io.siban.queue.dto.TransferRequest;
import io.siban.rating.Rating;
import io.siban.rating.RatingRequest;
import io.siban.rating.RatingRules;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The life cycle after the call: recall, no-show, start, finish, cancel, rate, reactivate, transfer.
 * Each is one short transaction on the locked ticket that records its step and appends its event.
 * Argument checks throw before the Uni exists; everything found in the database fails the Uni.
 */
@ApplicationScoped
public class TicketMoves {
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    QueueConfig config;
    @Inject
    OutboxPublisher publisher;
    @Inject
    TicketStore store;
    @Inject
    TicketViews views;
    @Inject
    TicketRated rated;

    /** A status move: from which statuses, its event, and the update it makes. */
    private record Move(Set<TicketStatus> from, String eventType, String sql) {
        static Move of(Set<TicketStatus> from, String eventType, String assignments) {
            return new Move(from, eventType, TicketStore.move(assignments));
        }
    }

    private static final Move RECALL = Move.of(Set.of(TicketStatus.CALLED), "ticket.recalled", "recalls = recalls + 1");
    private static final Move NO_SHOW = Move.of(Set.of(TicketStatus.CALLED), "ticket.no_show",
            "status = 'NO_SHOW', no_show_at = %now");
    private static final Move START = Move.of(Set.of(TicketStatus.CALLED), "ticket.started",
            "status = 'SERVING', started_at = %now");
    private static final Move CANCEL = Move.of(Set.of(TicketStatus.WAITING, TicketStatus.CALLED), "ticket.cancelled",
            "status = 'CANCELLED', cancelled_at = %now");
    private static final Move FINISH = Move.of(Set.of(TicketStatus.SERVING), "ticket.finished",
            "status = 'DONE', finished_at = %now, outcome = $4, case_id = $5, missing_documents = $6");
    private static final Move RATE = Move.of(Set.of(TicketStatus.DONE), "ticket.rated",
            "rating = $4, rating_comment = $5, rated_at = %now");

    /** What else a move does in its transaction; emits fields its event adds. */
    private static final BiFunction<SqlConnection, TicketRow, Uni<JsonObject>> NOTHING_MORE = (conn, ticket) -> Uni.createFrom().item(new JsonObject());

    /** Re-announces a called ticket. */
    public Uni<TicketView> recall(UUID id, Caller caller) {
        return move(id, caller, RECALL, "RECALLED", Tuple.tuple(), NOTHING_MORE);
    }

    public Uni<TicketView> noShow(UUID id, Caller caller) {
        return move(id, caller, NO_SHOW, "NO_SHOW", Tuple.tuple(), NOTHING_MORE);
    }

    public Uni<TicketView> start(UUID id, Caller caller) {
        return move(id, caller, START, "STARTED", Tuple.tuple(), NOTHING_MORE);
    }

    public Uni<TicketView> cancel(UUID id, Caller caller) {
        return move(id, caller, CANCEL, "CANCELLED", Tuple.tuple(), NOTHING_MORE);
    }

    public Uni<TicketView> finish(UUID id, FinishRequest raw, Caller caller) {
        FinishRequest request = TicketRules.finish(raw);
        Tuple extra = Tuple.tuple().addString(request.outcome().name()).addUUID(request.caseId())
                .addArrayOfString(request.missingDocuments().isEmpty() ? null : request.missingDocuments().toArray(String[]::new));
        return move(id, caller, FINISH, "FINISHED:" + request.outcome(), extra,
                (conn, ticket) -> request.caseId() == null ? NOTHING_MORE.apply(conn, ticket)
                        : linkVisit(conn, ticket, request.caseId()).replaceWith(new JsonObject()));
    }

    /** 一次一评: once, within the rating window after service; the feedback feature records it with who served. */
    public Uni<TicketView> rate(UUID id, RatingRequest raw, Caller caller) {
        Rating rating = RatingRules.check(raw);
        Tuple extra = Tuple.tuple().addInteger(rating.score()).addString(rating.comment());
        return move(id, caller, RATE, "RATED:" + rating.score(), extra,
                (conn, ticket) -> rated.rated(conn, ticket.id(), rating, clocks.now()).map(ratingId -> new JsonObject()
                        .put("ratingId", ratingId.toString()).put("score", rating.score())));
    }

    /** A served ticket that accepted a case is one physical visit of that case (最多跑一次). */
    private Uni<Void> linkVisit(SqlConnection conn, TicketRow ticket, UUID caseId) {
        return conn.preparedQuery(TicketStore.LINK_VISIT).execute(Tuple.of(caseId, ticket.id(), clocks.now(), ticket.hall()))
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().failure(ProblemException.businessRule("unknown-case",
                        "case " + caseId + " is not a case of hall '" + ticket.hall() + "'"))
                        : Uni.createFrom().voidItem());
    }

    /** Back into line after a no-show, within the grace period, behind the configured number of waiting tickets. */
    public Uni<TicketView> reactivate(UUID id, Caller caller) {
        return pool.withTransaction(conn -> store.lock(conn, id).chain(ticket -> reactivate(conn, ticket, caller)))
                .invoke(publisher::wake)
                .chain(views::ofChanged);
    }

    private Uni<TicketRow> reactivate(SqlConnection conn, TicketRow ticket, Caller caller) {
        ProblemException refused = TicketGuard.refusal(ticket, caller);
        OffsetDateTime now = clocks.now();
        if (refused == null && ticket.status() != TicketStatus.NO_SHOW) {
            refused = ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; only a no-show can be reactivated");
        }
        if (refused == null && ticket.noShowAt().plus(config.noShowGrace()).isBefore(now)) {
            refused = ProblemException.conflict("the " + config.noShowGrace().toMinutes()
                    + "-minute grace period after the no-show has passed; take a new ticket");
        }
        if (refused != null) {
            return Uni.createFrom().failure(refused);
        }
        return conn.preparedQuery(TicketStore.REACTIVATE)
                .execute(Tuple.of(ticket.id(), Math.max(1, config.reactivatePenaltyPosition()), now))
                .map(rows -> TicketRow.of(rows.iterator().next()))
                .call(updated -> TicketStore.step(conn, ticket.id(), "REACTIVATED", now, caller.actor(), null, null))
                .call(updated -> Outbox.append(conn, updated.hall(), "ticket.reactivated", TicketEvent.json(updated, clocks.now())));
    }

    public Uni<TicketView> transfer(UUID id, TransferRequest request, Caller caller) {
        if (request == null || (request.queueCode() == null && request.windowNumber() == null)) {
            throw ProblemException.invalid("queueCode", "give queueCode, windowNumber or both");
        }
        return pool.withTransaction(conn -> store.lock(conn, id).chain(ticket -> transfer(conn, ticket, request, caller)))
                .invoke(publisher::wake)
                .chain(views::ofChanged);
    }

    private Uni<TicketRow> transfer(SqlConnection conn, TicketRow ticket, TransferRequest request, Caller caller) {
        ProblemException refused = TicketGuard.refusal(ticket, caller);
        if (refused == null && !TicketStatus.PENDING.contains(ticket.status())) {
            refused = ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; it cannot be transferred");
        }
        if (refused != null) {
            return Uni.createFrom().failure(refused);
        }
        String queue = request.queueCode() != null ? request.queueCode() : ticket.queue();
        return conn.preparedQuery(TicketStore.TRANSFER_TARGET)
                .execute(Tuple.of(ticket.hall(), queue, request.windowNumber() == null ? -1 : request.windowNumber()))
                .chain(rows -> TicketGuard.failOr(targetRefusal(rows, ticket, queue, request), queue))
                .chain(target -> moveTo(conn, ticket, target, request, caller));
    }

    /** Why the ticket cannot go to the queue and window asked for (422); null when it can. */
    private static ProblemException targetRefusal(RowSet<Row> rows, TicketRow ticket, String queue, TransferRequest request) {
        Row r = rows.iterator().next();
        if (r.getLong("queue_exists") == 0) {
            return ProblemException.businessRule("unknown-queue", "hall '" + ticket.hall() + "' has no queue '" + queue + "'");
        }
        String[] windowQueues = r.getArrayOfStrings("window_queues");
        if (request.windowNumber() != null && windowQueues == null) {
            return ProblemException.businessRule("unknown-window", "hall '" + ticket.hall() + "' has no window " + request.windowNumber());
        }
        if (windowQueues != null && !List.of(windowQueues).contains(queue)) {
            return ProblemException.businessRule("window-does-not-serve-queue",
                    "window " + request.windowNumber() + " does not serve queue '" + queue + "'");
        }
        return null;
    }

    private Uni<TicketRow> moveTo(SqlConnection conn, TicketRow ticket, String queue, TransferRequest request, Caller caller) {
        OffsetDateTime now = clocks.now();
        String detail = "to queue " + queue + (request.windowNumber() == null ? "" : ", window " + request.windowNumber());
        return conn.preparedQuery(TicketStore.TRANSFER)
                .execute(Tuple.of(ticket.id(), queue, request.windowNumber()))
                .map(updated -> TicketRow.of(updated.iterator().next()))
                .call(updated -> TicketStore.step(conn, ticket.id(), "TRANSFERRED", now, caller.actor(), ticket.window(), detail))
                .call(updated -> Outbox.append(conn, updated.hall(), "ticket.transferred", TicketEvent.json(updated, clocks.now())
                        .put("fromQueue", ticket.queue()).put("targetWindow", request.windowNumber())));
    }

    /** A status move guarded by the allowed current statuses; anything else is a 409 naming the current status. */
    private Uni<TicketView> move(UUID id, Caller caller, Move move, String step, Tuple extra,
                                 BiFunction<SqlConnection, TicketRow, Uni<JsonObject>> alsoInTransaction) {
        return pool.withTransaction(conn -> store.lock(conn, id)
                        .chain(ticket -> TicketGuard.failOr(refusal(ticket, caller, move, step), ticket))
                        .chain(ticket -> apply(conn, ticket, caller, move, step, extra, alsoInTransaction)))
                .invoke(publisher::wake)
                .chain(views::ofChanged);
    }

    private ProblemException refusal(TicketRow ticket, Caller caller, Move move, String step) {
        ProblemException refused = TicketGuard.refusal(ticket, caller);
        if (refused != null) {
            return refused;
        }
        if (!move.from().contains(ticket.status())) {
            return ProblemException.conflict("ticket " + ticket.number() + " is " + ticket.status() + "; "
                    + step.split(":")[0].toLowerCase() + " needs " + move.from());
        }
        if (move == RATE && !Caller.CITIZEN.equals(caller.actor())) {
            // 好差评 is the citizen's own: staff never rate on a citizen's behalf (nor the clerk who served)
            return ProblemException.forbidden("a rating is given by the citizen, with the ticket's key; staff may not rate a service");
        }
        if (move == RATE && ticket.rating() != null) {
            return ProblemException.conflict("ticket " + ticket.number() + " has already been rated");
        }
        if (move == RATE && (ticket.finishedAt() == null
                || !RatingRules.windowOpen(ticket.finishedAt().toInstant(), rated.ratingWindow(), clocks.now().toInstant()))) {
            return RatingRules.windowClosed(rated.ratingWindow());
        }
        return null;
    }

    /** The update, what else the move does, its step and its event, at one instant. */
    private Uni<TicketRow> apply(SqlConnection conn, TicketRow ticket, Caller caller, Move move, String step, Tuple extra,
                                 BiFunction<SqlConnection, TicketRow, Uni<JsonObject>> alsoInTransaction) {
        OffsetDateTime now = clocks.now();
        Tuple params = Tuple.tuple().addUUID(ticket.id())
                .addArrayOfString(move.from().stream().map(Enum::name).toArray(String[]::new))
                .addOffsetDateTime(now);
        for (int i = 0; i < extra.size(); i++) {
            params.addValue(extra.getValue(i));
        }
        return conn.preparedQuery(move.sql()).execute(params)
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().failure(ProblemException.conflict("ticket " + ticket.number() + " changed concurrently; reload and retry"))
                        : Uni.createFrom().item(TicketRow.of(rows.iterator().next())))
                .chain(updated -> alsoInTransaction.apply(conn, updated)
                        .call(() -> TicketStore.step(conn, ticket.id(), step, now, caller.actor(), updated.window(), null))
                        .call(more -> Outbox.append(conn, updated.hall(), move.eventType(), payload(updated).mergeIn(more)))
                        .replaceWith(updated));
    }

    private JsonObject payload(TicketRow updated) {
        JsonObject payload = TicketEvent.json(updated, clocks.now());
        if (updated.startedAt() != null && updated.finishedAt() != null) {
            payload.put("serviceSeconds", Duration.between(updated.startedAt(), updated.finishedAt()).toSeconds());
        }
        return payload;
    }
}
