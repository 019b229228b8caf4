package io.siban.feedback.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;

/** A case's rating as its citizen sees it: never who served. */
@Schema(name = "CaseRating")
public record CaseRatingView(String caseNumber, int score, Map<String, Integer> dimensions, String comment, OffsetDateTime ratedAt) {
}
