package io.siban.catalog.dto;

import io.siban.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ImportResult", description = "Valid rows are kept; each rejected row says why")
public record ImportResult(@Schema(example = "120") int created,
                           @Schema(example = "3") int updated,
                           @Schema(example = "1") int rejected,
                           List<RejectedRow> rejections) {

    @Schema(name = "RejectedRow")
    public record RejectedRow(@Schema(description = "1-based row (CSV: data line) number", example = "7") int row,
                              @Schema(example = "GT-ENV-001") String code,
                              List<Problem.Violation> violations) {
    }
}
