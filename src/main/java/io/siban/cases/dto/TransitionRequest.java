package io.siban.cases.dto;

import io.siban.cases.CaseAction;
import io.siban.cases.Procedure;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "TransitionRequest")
public record TransitionRequest(@Schema(required = true, example = "REQUEST_SUPPLEMENT") CaseAction action,
                                @Schema(example = "场所平面图不清晰") String reason,
                                @Schema(description = "REQUEST_SUPPLEMENT: every missing document at once (一次性告知)",
                                        example = "[\"场所平面图\"]") List<String> missingDocuments,
                                @Schema(description = "START_PROCEDURE: which special procedure") Procedure procedure,
                                @Schema(description = "START_PROCEDURE: the procedure's own limit, working days or a working-time duration",
                                        example = "{\"workingDays\": 10}") io.siban.catalog.Limit procedureLimit) {
}
