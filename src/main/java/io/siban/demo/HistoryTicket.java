package io.siban.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A ticket of the demo history as its row stores it; its steps follow from the row ({@link #steps}),
 * so the two cannot disagree.
 */
record HistoryTicket(UUID id, String queue, String prefix, LocalDate day, int seq, String itemCode, String channel,
                     String priority, String status, Instant lineKey, Instant issuedAt, Integer window, String clerk,
                     Instant calledAt, String callReason, String callDetail, Instant startedAt, Instant finishedAt,
                     Instant noShowAt, Instant cancelledAt, Instant expiredAt, String outcome, UUID caseId,
                     List<String> missingDocuments, Integer rating, String ratingComment, Instant ratedAt,
                     String appointmentId) {

    /** The number as issuing forms it: prefix and at least three digits. */
    String number() {
        return prefix + String.format("%03d", seq);
    }

    /** The idempotency key that marks a ticket of the history. */
    String key() {
        return DemoStore.HISTORY_KEY_PREFIX + day + ":" + queue + ":" + seq;
    }

    /** One step of a ticket after its issue, as {@code ticket_step} holds it. */
    record Step(UUID ticket, String step, Instant at, String actor, Integer window, String detail) {
    }

    /** The steps the life cycle records for this row, oldest first. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>(4);
        if (calledAt != null) {
            steps.add(new Step(id, "CALLED", calledAt, clerk, window, callDetail));
        }
        if (noShowAt != null) {
            steps.add(new Step(id, "NO_SHOW", noShowAt, clerk, window, null));
        }
        if (startedAt != null) {
            steps.add(new Step(id, "STARTED", startedAt, clerk, window, null));
        }
        if (finishedAt != null) {
            steps.add(new Step(id, "FINISHED:" + outcome, finishedAt, clerk, window, null));
        }
        if (cancelledAt != null) {
            steps.add(new Step(id, "CANCELLED", cancelledAt, io.siban.security.Caller.CITIZEN, window, null));
        }
        if (expiredAt != null) {
            steps.add(new Step(id, "EXPIRED", expiredAt, "system", null, null));
        }
        if (ratedAt != null) {
            steps.add(new Step(id, "RATED:" + rating, ratedAt, io.siban.security.Caller.CITIZEN, window, null));
        }
        return steps;
    }

    HistoryTicket withCase(UUID id) {
        return new HistoryTicket(this.id, queue, prefix, day, seq, itemCode, channel, priority, status, lineKey, issuedAt, window,
                clerk, calledAt, callReason, callDetail, startedAt, finishedAt, noShowAt, cancelledAt, expiredAt, outcome, id,
                missingDocuments, rating, ratingComment, ratedAt, appointmentId);
    }
}
