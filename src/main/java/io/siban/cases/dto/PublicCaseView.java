package io.siban.cases.dto;

import io.siban.cases.CaseState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** What anyone with the case number and verification code may see (进度可查): nothing else. */
@Schema(name = "PublicCase")
public record PublicCaseView(@Schema(example = "LZCITY20261130-7KQ4M") String caseNumber,
                             @Schema(example = "食品经营许可") String itemName,
                             CaseState state,
                             @Schema(example = "张*") String applicant,
                             List<Step> steps,
                             @Schema(description = "whether the case has been rated (一事一评, once)") boolean rated) {
    @Schema(name = "PublicCaseStep")
    public record Step(CaseState state, OffsetDateTime at) {
    }
}
