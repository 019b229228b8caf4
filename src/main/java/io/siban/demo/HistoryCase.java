package io.siban.demo;

import io.siban.sla.deadline.SlaCard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A case of the demo history: its row, its moves ({@code case_transition}), the cards the sweeper would
 * have recorded while it ran ({@code case_card_change}) and, for a window case, its visit.
 *
 * @param code the six-digit verification code; stored hashed and sealed, as intake stores it
 * @param card null while the case waits for pre-review (no clock yet)
 */
record HistoryCase(UUID id, String caseNumber, String code, HistoryInput.Item item, String channel, String state,
                   LocalDate day, Instant createdAt, String createdBy, Instant acceptedAt, Instant forwardedAt,
                   Instant returnedAt, Instant closedAt, Instant deliveredAt, Instant committedDue, Instant statutoryDue,
                   Instant yellowFrom, SlaCard card, UUID ticketId, Instant visitAt, Applicant applicant,
                   List<Move> moves, List<CardChange> cardChanges) {

    /** Who applied, generated for the demo; stored masked and sealed like a real applicant. */
    record Applicant(String name, String idNumber, String phone) {
    }

    record Move(Instant at, String actor, String action, String from, String to, String reason) {
    }

    record CardChange(SlaCard card, Instant at, Instant dueAt) {
    }

    /** Closed at or before the committed due (按时办结). */
    boolean onTime() {
        return closedAt != null && !closedAt.isAfter(committedDue);
    }
}
