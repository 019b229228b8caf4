package io.siban.feedback.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RectificationTransition")
public record TransitionRequest(@Schema(required = true, example = "CONTACT",
        enumeration = {"CONTACT", "RECTIFY", "CLOSE", "APPEAL", "EXCLUDE", "UPHOLD"}) String action,
                                @Schema(description = "required for RECTIFY (the reply), APPEAL (its grounds), EXCLUDE and UPHOLD "
                                        + "(the review's reasons)", maxLength = 1000, example = "已电话回访，解释了办理时限") String note) {
}
