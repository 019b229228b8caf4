package io.siban.feedback.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The live rectification counters of some halls. */
@Schema(name = "RectificationSummary")
public record RectificationSummary(List<Hall> halls) {
    /**
     * @param open           not yet CLOSED or EXCLUDED
     * @param contactOverdue OPEN past the contact due
     * @param overdue        past a due they have not met (contact or rectify)
     */
    @Schema(name = "RectificationHallCounts")
    public record Hall(String hall, long open, long contactOverdue, long yellow, long red, long overdue) {
    }
}
