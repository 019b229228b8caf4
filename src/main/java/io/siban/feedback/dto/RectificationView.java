package io.siban.feedback.dto;

import io.siban.feedback.RectificationAction;
import io.siban.feedback.RectificationState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A rectification (差评整改) as its hall's supervisors see it: the rating with who served, the dues, every step. */
@Schema(name = "Rectification")
public record RectificationView(UUID id, String hall, String department, RectificationState state,
                                @Schema(description = "GREEN, YELLOW (contact overdue, or within a working day of the rectify due), RED (rectify due passed)")
                                String card,
                                @Schema(description = "send as If-Match to move it", example = "0") int version,
                                OffsetDateTime openedAt, OffsetDateTime contactDue, OffsetDateTime rectifyDue,
                                OffsetDateTime contactedAt, OffsetDateTime rectifiedAt, OffsetDateTime closedAt,
                                OffsetDateTime excludedAt, RectificationState appealedFrom, String appealedBy,
                                boolean contactOverdue, boolean rectifyOverdue, Set<RectificationAction> actions,
                                RatedService rating, List<Step> steps) {

    /** The rating and what it was given for; staff only (it names the clerk). */
    @Schema(name = "RatedService")
    public record RatedService(String subject, int score, Map<String, Integer> dimensions, String comment,
                               OffsetDateTime ratedAt, String clerk, Integer window, String itemCode, String itemName,
                               String department, String category, String channel, String ticketNumber, String caseNumber) {
    }

    @Schema(name = "RectificationStep")
    public record Step(OffsetDateTime at, String actor, String action, RectificationState from, RectificationState to, String note) {
    }
}
