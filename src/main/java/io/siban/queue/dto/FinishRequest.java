package io.siban.queue.dto;

import io.siban.queue.Outcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "FinishRequest")
public record FinishRequest(@Schema(required = true, example = "MISSING_DOCUMENTS") Outcome outcome,
                            @Schema(description = "the case accepted in this visit (CASE_ACCEPTED)") UUID caseId,
                            @Schema(description = "the full list of missing documents (一次性告知), for MISSING_DOCUMENTS",
                                    example = "[\"营业执照\", \"经营场所证明\"]") List<String> missingDocuments) {
}
