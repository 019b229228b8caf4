package io.siban.demo;

import io.siban.feedback.RectificationState;
import io.siban.sla.deadline.SlaCard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rectification (差评整改) a bad rating of the history opened: its row as it stood at the history's
 * cutoff, every step it took ({@code rectification_step}, the opening first) and each card it showed
 * while it ran ({@code rectification_card_change}).
 *
 * @param yellowFrom the stored instant the card turns yellow ({@code RectificationDues.yellowFrom}: the
 *                   contact due while OPEN, else one working day before the rectify due)
 * @param card       the card at its last step for a finished one (frozen), the last it showed before the
 *                   cutoff for a running one (the live sweep takes it on from there)
 */
record HistoryRectification(UUID id, UUID ratingId, String department, RectificationState state, RectificationState appealedFrom,
                            String appealedBy, int version, Instant openedAt, Instant contactDue, Instant rectifyDue, Instant yellowFrom, SlaCard card,
                            Instant contactedAt, Instant rectifiedAt, Instant closedAt, Instant excludedAt, List<Step> steps,
                            List<HistoryCase.CardChange> cardChanges) {

    /** One step as {@code rectification_step} keeps it; the opening has no {@code from}. */
    record Step(Instant at, String actor, String action, RectificationState from, RectificationState to, String note) {
    }

    boolean running() {
        return state.isRunning();
    }
}
