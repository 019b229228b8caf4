package io.siban.demo;

import io.siban.sla.deadline.SlaCard;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rectification (差评整改) a bad rating of the history opened: its row as it stood at the history's
 * cutoff, every step it took ({@code rectification_step}, the opening first) and each card it showed
 * while it ran ({@code rectification_card_change}).
 *
 * @param yellowFrom the stored instant the card turns yellow: the contact due while nobody has contacted
 *                   the citizen, then one working day before the rectify due
 * @param card       the card at its last step for a finished one (frozen), the last it showed before the
 *                   cutoff for a running one (the live sweep takes it on from there)
 */
record HistoryRectification(UUID id, UUID ratingId, String department, String state, String appealedFrom, String appealedBy,
                            int version, Instant openedAt, Instant contactDue, Instant rectifyDue, Instant yellowFrom, SlaCard card,
                            Instant contactedAt, Instant rectifiedAt, Instant closedAt, Instant excludedAt, List<Step> steps,
                            List<HistoryCase.CardChange> cardChanges) {

    static final String OPEN = "OPEN";
    static final String CONTACTED = "CONTACTED";
    static final String RECTIFIED = "RECTIFIED";
    static final String CLOSED = "CLOSED";
    static final String APPEALED = "APPEALED";
    static final String EXCLUDED = "EXCLUDED";
    /** The states in which the card runs; in the others it is frozen at the last step. */
    static final Set<String> RUNNING = Set.of(OPEN, CONTACTED, APPEALED);

    /** One step as {@code rectification_step} keeps it; the opening has no {@code from}. */
    record Step(Instant at, String actor, String action, String from, String to, String note) {
    }

    boolean running() {
        return RUNNING.contains(state);
    }
}
