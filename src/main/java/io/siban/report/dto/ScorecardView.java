package io.siban.report.dto;

import io.siban.catalog.Category;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A hall's public scorecard of a month (晒成绩单, 公示承诺): aggregates only, never a person or a case. */
@Schema(name = "Scorecard")
public record ScorecardView(@Schema(example = "lz-city") String hall,
                            @Schema(example = "兰州市政务服务中心") String hallName,
                            @Schema(example = "2026-11") String month,
                            @Schema(description = "items per published list (四办清单)",
                                    example = "{\"IMMEDIATE\": 39, \"SAME_DAY\": 9, \"TIME_LIMITED\": 211, \"PROXY\": 7}")
                            Map<Category, Long> lists,
                            List<Department> departments,
                            Tickets tickets) {

    @Schema(name = "ScorecardDepartment")
    public record Department(@Schema(example = "市场监管局") String department, @Schema(example = "12") long items,
                             @Schema(example = "318") long casesClosed, @Schema(example = "0.98") Double onTimeRate,
                             @Schema(example = "0.42") Double speedUpRate, @Schema(example = "0.97") Double satisfiedShare) {
    }

    @Schema(name = "ScorecardTickets")
    public record Tickets(@Schema(example = "5120") long issued, @Schema(example = "540") Long waitP50Seconds,
                          @Schema(example = "0.86") Double servedWithin15MinShare) {
    }
}
