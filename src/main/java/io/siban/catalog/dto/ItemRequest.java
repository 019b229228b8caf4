package io.siban.catalog.dto;

import io.siban.catalog.Category;
import io.siban.catalog.Level;
import io.siban.catalog.Limit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.List;

/** A service item (事项) as an admin creates, replaces or imports it. */
@Schema(name = "ItemRequest")
public record ItemRequest(
        @Schema(example = "GT-ENV-001", required = true) String code,
        @Schema(example = "建设项目环境影响评价审批", required = true) String name,
        @Schema(example = "生态环境局", required = true) String department,
        @Schema(example = "CITY", required = true) Level level,
        @Schema(example = "TIME_LIMITED", required = true) Category category,
        @Schema(description = "Committed limit (承诺时限); IMMEDIATE defaults to PT30M, SAME_DAY to 1 working day")
        Limit committedLimit,
        @Schema(description = "Statutory limit (法定时限), never shorter than the committed limit", required = true)
        Limit statutoryLimit,
        @Schema(description = "PROXY only: limit of the local pre-review stage, in working days")
        Limit localStageLimit,
        @Schema(example = "[\"营业执照\", \"环评报告书\"]") List<String> requiredDocuments,
        @Schema(example = "true") Boolean onlineCapable,
        @Schema(example = "B") String queueCode,
        @Schema(example = "50") Integer dailyQuota,
        @Schema(description = "Remaining working time at which the case turns YELLOW; default by category",
                example = "PT8H", implementation = String.class) Duration warningThreshold,
        @Schema(description = "Accept with non-essential documents missing (容缺受理)", example = "false")
        Boolean toleratesMissingDocuments) {

    /** The same item under another code (a replace names the code in its path). */
    public ItemRequest withCode(String newCode) {
        return new ItemRequest(newCode, name, department, level, category, committedLimit, statutoryLimit, localStageLimit,
                requiredDocuments, onlineCapable, queueCode, dailyQuota, warningThreshold, toleratesMissingDocuments);
    }
}
