package io.siban.accountability.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One card a case received, with its latest explanation (null while none).
 *
 * @param dueAt              the due the card was measured against (committed due for RED, statutory for LEGAL_BREACH)
 * @param explanationDue     when the explanation is due: the same local time on the third working day after the card
 * @param unexplainedOverdue a RED or LEGAL_BREACH card still unexplained after its explanation due
 */
public record RegisterItem(UUID caseId, String caseNumber, String hall, String department, String itemName, String category,
                           String card,
                           @Schema(description = "the stage that received the card (LOCAL: a PROXY case's local pre-review), "
                                   + "null for the case's own deadlines") String stage,
                           OffsetDateTime at, OffsetDateTime dueAt, ExplanationView explanation,
                           OffsetDateTime explanationDue, boolean unexplainedOverdue) {
}
