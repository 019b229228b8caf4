package io.siban.cases;

import io.siban.catalog.Category;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.siban.cases.CaseAction.*;
import static io.siban.cases.CaseState.*;
import static io.siban.security.Roles.CLERK;
import static io.siban.security.Roles.REVIEWER;

/**
 * The legal moves of a case, per category, with what each does to the SLA clock and who may make
 * it. Pure: no framework, no storage. Anything not in the table is refused.
 */
public final class CaseStateMachine {

    /** What a move does to the clock. */
    public enum ClockEffect {
        NONE, START, PAUSE, RESUME, STOP, LOCAL_STAGE_END, UPSTREAM_STAGE_END
    }

    /** An allowed move: the new state and its clock effect. */
    public record Move(CaseState to, ClockEffect clock) {
    }

    /** A refused move, with a sentence for the problem detail. */
    public static final class IllegalMove extends RuntimeException {
        public IllegalMove(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<CaseState, Map<CaseAction, Move>> TABLE = new EnumMap<>(CaseState.class);
    private static final Map<CaseAction, Set<String>> ROLES = new EnumMap<>(CaseAction.class);
    private static final Set<CaseAction> PROXY_ONLY = EnumSet.of(FORWARD, UPSTREAM_RETURNED);
    /** IMMEDIATE items are finished in the same visit: no review, no suspension, no upstream stage. */
    private static final Set<CaseAction> NOT_FOR_IMMEDIATE = EnumSet.of(START_REVIEW, REQUEST_SUPPLEMENT, SUPPLEMENT_RECEIVED,
            START_PROCEDURE, END_PROCEDURE, FORWARD, UPSTREAM_RETURNED);

    static {
        allow(SUBMITTED, ACCEPT, ACCEPTED, ClockEffect.START);
        allow(SUBMITTED, NOT_ACCEPT, NOT_ACCEPTED, ClockEffect.NONE);
        allow(SUBMITTED, REQUEST_SUPPLEMENT, SUBMITTED, ClockEffect.NONE);
        allow(SUBMITTED, SUPPLEMENT_RECEIVED, SUBMITTED, ClockEffect.NONE);
        allow(SUBMITTED, WITHDRAW, WITHDRAWN, ClockEffect.NONE);

        for (CaseState running : EnumSet.of(ACCEPTED, IN_REVIEW, RETURNED)) {
            allow(running, REQUEST_SUPPLEMENT, SUSPENDED, ClockEffect.PAUSE);
            allow(running, START_PROCEDURE, SUSPENDED, ClockEffect.PAUSE);
            allow(running, APPROVE, APPROVED, ClockEffect.STOP);
            allow(running, REJECT, REJECTED, ClockEffect.STOP);
            allow(running, WITHDRAW, WITHDRAWN, ClockEffect.STOP);
        }
        allow(ACCEPTED, START_REVIEW, IN_REVIEW, ClockEffect.NONE);
        allow(ACCEPTED, FORWARD, FORWARDED, ClockEffect.LOCAL_STAGE_END);
        allow(IN_REVIEW, FORWARD, FORWARDED, ClockEffect.LOCAL_STAGE_END);
        allow(RETURNED, FORWARD, FORWARDED, ClockEffect.NONE);
        allow(FORWARDED, UPSTREAM_RETURNED, RETURNED, ClockEffect.UPSTREAM_STAGE_END);
        allow(FORWARDED, WITHDRAW, WITHDRAWN, ClockEffect.STOP);

        // the state to resume to is the one the case was suspended from (see move)
        allow(SUSPENDED, SUPPLEMENT_RECEIVED, SUSPENDED, ClockEffect.RESUME);
        allow(SUSPENDED, END_PROCEDURE, SUSPENDED, ClockEffect.RESUME);
        allow(SUSPENDED, WITHDRAW, WITHDRAWN, ClockEffect.STOP);

        allow(APPROVED, DELIVER, DELIVERED, ClockEffect.NONE);
        allow(REJECTED, DELIVER, DELIVERED, ClockEffect.NONE);

        roles(ACCEPT, CLERK);
        roles(NOT_ACCEPT, CLERK);
        roles(REQUEST_SUPPLEMENT, CLERK, REVIEWER);
        roles(SUPPLEMENT_RECEIVED, CLERK);
        roles(START_PROCEDURE, REVIEWER);
        roles(END_PROCEDURE, REVIEWER);
        roles(START_REVIEW, REVIEWER);
        roles(FORWARD, CLERK, REVIEWER);
        roles(UPSTREAM_RETURNED, CLERK, REVIEWER);
        roles(APPROVE, REVIEWER);
        roles(REJECT, REVIEWER);
        roles(DELIVER, CLERK);
        roles(WITHDRAW, CLERK);
    }

    private CaseStateMachine() {
    }

    /**
     * The move for an action, or {@link IllegalMove}.
     *
     * @param suspendedFrom the state a SUSPENDED case resumes to (null otherwise)
     * @param pausedFor     while SUSPENDED: true for a supplement (补正), false for a special procedure
     */
    public static Move move(Category category, CaseState from, CaseAction action, CaseState suspendedFrom, Boolean pausedFor) {
        if (PROXY_ONLY.contains(action) && category != Category.PROXY) {
            throw new IllegalMove(action + " is only for PROXY items (代办)");
        }
        if (category == Category.IMMEDIATE && NOT_FOR_IMMEDIATE.contains(action)) {
            throw new IllegalMove("an IMMEDIATE item is finished in the same visit; " + action + " does not apply");
        }
        Move move = TABLE.getOrDefault(from, Map.of()).get(action);
        if (move == null) {
            throw new IllegalMove(action + " is not allowed in state " + from + "; allowed: " + allowed(category, from));
        }
        if (from == SUSPENDED && move.clock() == ClockEffect.RESUME) {
            boolean supplement = Boolean.TRUE.equals(pausedFor);
            if (action == SUPPLEMENT_RECEIVED && !supplement) {
                throw new IllegalMove("the case is suspended for a special procedure; end it with END_PROCEDURE");
            }
            if (action == END_PROCEDURE && supplement) {
                throw new IllegalMove("the case waits for documents; resume it with SUPPLEMENT_RECEIVED");
            }
            return new Move(suspendedFrom == null ? ACCEPTED : suspendedFrom, ClockEffect.RESUME);
        }
        return move;
    }

    /** Actions allowed from a state for a category (for error messages and clients). */
    public static Set<CaseAction> allowed(Category category, CaseState from) {
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        TABLE.getOrDefault(from, Map.of()).keySet().forEach(action -> {
            if (!(PROXY_ONLY.contains(action) && category != Category.PROXY)
                    && !(category == Category.IMMEDIATE && NOT_FOR_IMMEDIATE.contains(action))) {
                actions.add(action);
            }
        });
        return actions;
    }

    /** Roles that may make the move (admins always may). */
    public static Set<String> roles(CaseAction action) {
        return ROLES.get(action);
    }

    private static void allow(CaseState from, CaseAction action, CaseState to, ClockEffect clock) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(CaseAction.class)).put(action, new Move(to, clock));
    }

    private static void roles(CaseAction action, String... roles) {
        ROLES.put(action, Set.of(roles));
    }
}
