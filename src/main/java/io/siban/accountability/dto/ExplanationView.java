package io.siban.accountability.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A department's explanation of a card (超时问责): the cause, who is responsible, the remedy; who wrote it, when. */
public record ExplanationView(long id, UUID caseId, String card, String stage, String cause, String responsible, String remedy,
                              OffsetDateTime at, String actor) {
}
