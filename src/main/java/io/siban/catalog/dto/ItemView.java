package io.siban.catalog.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.catalog.Category;
import io.siban.catalog.Level;
import io.siban.catalog.Limit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Item")
public record ItemView(
        @Schema(example = "GT-ENV-001") String code,
        @Schema(example = "建设项目环境影响评价审批") String name,
        @Schema(example = "生态环境局") String department,
        Level level,
        Category category,
        Limit committedLimit,
        Limit statutoryLimit,
        Limit localStageLimit,
        List<String> requiredDocuments,
        boolean onlineCapable,
        @Schema(example = "B") String queueCode,
        Integer dailyQuota,
        @Schema(implementation = String.class, example = "PT8H") Duration warningThreshold,
        boolean toleratesMissingDocuments,
        @Schema(example = "0") long version,
        OffsetDateTime updatedAt) {
}
