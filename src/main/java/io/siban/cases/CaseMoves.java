package io.siban.cases;

import io.siban.cases.dto.CaseView;
import io.siban.cases.dto.TransitionRequest;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Moves of a case through the state machine, from the version the caller read (If-Match): the
 * pause or resume of the clock, the documents (one-time notice), the history line and the new dues,
 * in one transaction on the locked row.
 */
@ApplicationScoped
public class CaseMoves {
    @Inject
    Clocks clocks;
    @Inject
    CaseStore store;
    @Inject
    Pool pool;
    @Inject
    CaseTimer timer;
    @Inject
    CaseFollower follower;
    @Inject
    CaseReader reader;

    public Uni<CaseView> transition(UUID id, TransitionRequest raw, String ifMatch, Caller caller) {
        TransitionRequest request = CaseRules.transition(raw);
        int expected = CaseRules.version(ifMatch);
        return pool.withTransaction(conn -> store.lockedRow(conn, id)
                        .invoke(current -> allowed(current, request, expected, caller))
                        .chain(current -> store.pausedForSupplement(conn, id)
                                .chain(supplement -> apply(conn, current, request, supplement, caller.actor()))))
                .chain(store::row)
                .chain(reader::view)
                .call(follower::changed)
                .call(view -> request.action() == CaseAction.APPROVE || request.action() == CaseAction.REJECT
                        ? follower.closed(view) : Uni.createFrom().voidItem());
    }

    /** The caller's hall and role, and the version they changed from. */
    private static void allowed(CaseRow current, TransitionRequest request, int expected, Caller caller) {
        if (!caller.allows(current.hall())) {
            throw ProblemException.forbidden("this token may not act on hall '" + current.hall() + "'");
        }
        if (!caller.has(Roles.ADMIN) && CaseStateMachine.roles(request.action()).stream().noneMatch(caller::has)) {
            throw ProblemException.forbidden(request.action() + " is for " + CaseStateMachine.roles(request.action()));
        }
        if (current.version() != expected) {
            throw ProblemException.conflict("stale version " + expected
                    + "; the case is at version " + current.version() + " — reload and retry");
        }
    }

    private Uni<UUID> apply(SqlConnection conn, CaseRow current, TransitionRequest request, Boolean supplement, String actor) {
        CaseStateMachine.Move move = legal(current, request, supplement);
        OffsetDateTime now = clocks.now();
        OneTimeNotice.Outcome documents = OneTimeNotice.after(current, request);
        CaseState suspendedFrom = move.to() == CaseState.SUSPENDED ? current.state() : null;
        Tuple params = Tuple.tuple().addUUID(current.id()).addString(move.to().name())
                .addString(suspendedFrom == null ? null : suspendedFrom.name())
                .addArrayOfString(documents.missing().toArray(String[]::new)).addArrayOfString(documents.notified().toArray(String[]::new))
                .addInteger(documents.violations()).addInteger(current.version()).addOffsetDateTime(now);
        Tuple self = Tuple.of(new UUID[]{current.id()}, now);
        // a card that fell due before this move is recorded first, even when the move beats the sweep
        return store.run(conn, CaseSql.FIRE_CARDS, self)
                .chain(() -> store.run(conn, CaseSql.FIRE_STAGE_CARDS, self))
                .chain(() -> clock(conn, current, request, move, now))
                .chain(() -> store.run(conn, CaseStore.move(move), params))
                .chain(() -> store.recordTransition(conn, current.id(), now, actor, request.action().name(), current.state(), move.to(),
                        request.reason(), documents.detail().isEmpty() ? null : documents.detail()))
                .chain(() -> CaseState.OPEN.contains(move.to()) || move.clock() == CaseStateMachine.ClockEffect.STOP
                        ? timer.retime(conn, current.id(), now) : Uni.createFrom().voidItem())
                .replaceWith(current.id());
    }

    private static CaseStateMachine.Move legal(CaseRow current, TransitionRequest request, Boolean supplement) {
        try {
            return CaseStateMachine.move(current.category(), current.state(), request.action(), current.suspendedFrom(), supplement);
        } catch (CaseStateMachine.IllegalMove e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    /** A pause starts (a supplement or a special procedure, with its own limit) or the running one ends. */
    private Uni<Void> clock(SqlConnection conn, CaseRow current, TransitionRequest request, CaseStateMachine.Move move,
                            OffsetDateTime now) {
        return switch (move.clock()) {
            case PAUSE -> store.run(conn, CaseStore.INSERT_PAUSE, Tuple.tuple().addUUID(current.id())
                            .addString(request.action() == CaseAction.REQUEST_SUPPLEMENT ? "SUPPLEMENT" : "PROCEDURE")
                            .addString(request.procedure() == null ? null : request.procedure().name()).addString(request.reason())
                            .addOffsetDateTime(now)
                            .addInteger(request.procedureLimit() != null && request.procedureLimit().isDays()
                                    ? request.procedureLimit().workingDays() : null)
                            .addLong(request.procedureLimit() != null && !request.procedureLimit().isDays()
                                    ? request.procedureLimit().duration().getSeconds() : null))
                    .replaceWithVoid();
            case RESUME -> store.run(conn, CaseStore.END_PAUSE, Tuple.of(current.id(), now)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }
}
