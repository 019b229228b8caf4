package io.siban.cases.dto;

import io.siban.cases.CaseChannel;
import io.siban.queue.dto.IssueRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "CaseRequest")
public record CaseRequest(@Schema(example = "SC-005", required = true) String itemCode,
                          @Schema(example = "lz-city", required = true) String hall,
                          @Schema(example = "WINDOW", required = true) CaseChannel channel,
                          @Schema(description = "the served window ticket of this visit") UUID ticketId,
                          IssueRequest.Applicant applicant,
                          @Schema(example = "[\"食品经营许可申请书\", \"营业执照\"]") List<String> submittedDocuments) {
}
