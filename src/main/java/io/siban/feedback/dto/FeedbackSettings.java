package io.siban.feedback.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How long the hall's departments have to answer a bad rating, in working days of the hall's calendar. */
@Schema(name = "FeedbackSettings")
public record FeedbackSettings(@Schema(description = "回访 (contact the citizen), 1..30", example = "1") Integer contactWorkingDays,
                               @Schema(description = "整改 (rectify and reply), 1..60, not before the contact", example = "15")
                               Integer rectifyWorkingDays) {
}
