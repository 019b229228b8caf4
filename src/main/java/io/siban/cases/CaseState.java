package io.siban.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * States of a case (办件). The state sets below are the only lists of states: the SQL forms are
 * generated from them ({@link CaseSql}).
 */
public enum CaseState {
    SUBMITTED, ACCEPTED, IN_REVIEW, APPROVED, REJECTED, DELIVERED,
    NOT_ACCEPTED, SUSPENDED, FORWARDED, RETURNED, WITHDRAWN;

    /** The SLA clock runs (or is paused) in these states. */
    public static final Set<CaseState> OPEN = EnumSet.of(ACCEPTED, IN_REVIEW, SUSPENDED, FORWARDED, RETURNED);
    /** The SLA clock runs in these states: open and not paused; their card follows from the stored dues. */
    public static final Set<CaseState> RUNNING = EnumSet.of(ACCEPTED, IN_REVIEW, FORWARDED, RETURNED);
    /** Open with the clock paused: the card stays as stored at the pause. */
    public static final Set<CaseState> PAUSED = EnumSet.of(SUSPENDED);
    /** Where a PROXY case's local pre-review stage runs, until it is forwarded upstream. */
    public static final Set<CaseState> LOCAL_STAGE = EnumSet.of(ACCEPTED, IN_REVIEW);
    public static final Set<CaseState> FINAL = EnumSet.of(DELIVERED, NOT_ACCEPTED, WITHDRAWN);

    public boolean isRunning() {
        return RUNNING.contains(this);
    }
}
