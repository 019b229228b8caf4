package io.siban.catalog.dto;

import io.siban.catalog.Category;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The published lists (四办四清单) in numbers. */
@Schema(name = "CatalogSummary")
public record CatalogSummary(@Schema(example = "40") long total,
                             @Schema(example = "{\"IMMEDIATE\": 12, \"SAME_DAY\": 9, \"TIME_LIMITED\": 15, \"PROXY\": 4}")
                             Map<Category, Long> byCategory,
                             List<DepartmentCount> byDepartment,
                             @Schema(example = "28") long onlineCapable,
                             @Schema(description = "Share of items that can be done online (网上可办率), 0..1", example = "0.7")
                             double onlineCapableShare) {

    @Schema(name = "DepartmentCount")
    public record DepartmentCount(@Schema(example = "市场监管局") String department,
                                  @Schema(example = "8") long total,
                                  Map<Category, Long> byCategory,
                                  @Schema(example = "6") long onlineCapable) {
    }
}
