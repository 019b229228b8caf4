package io.siban.cases;

import java.util.EnumSet;
import java.util.Set;

/** States of a case (办件). */
public enum CaseState {
    SUBMITTED, ACCEPTED, IN_REVIEW, APPROVED, REJECTED, DELIVERED,
    NOT_ACCEPTED, SUSPENDED, FORWARDED, RETURNED, WITHDRAWN;

    /** The SLA clock runs (or is paused) in these states. */
    public static final Set<CaseState> OPEN = EnumSet.of(ACCEPTED, IN_REVIEW, SUSPENDED, FORWARDED, RETURNED);
    public static final Set<CaseState> FINAL = EnumSet.of(DELIVERED, NOT_ACCEPTED, WITHDRAWN);
}
