package io.siban.hall.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.hall.WindowStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "Hall")
public record HallView(@Schema(example = "lz-city") String code,
                       @Schema(example = "兰州市政务服务中心") String name,
                       @Schema(example = "cn") String calendarId,
                       List<QueueView> queues,
                       List<WindowView> windows,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ServiceHours serviceHours,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "whether the hall takes tickets now (one hall's answer only)") Boolean openNow,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "when a closed hall takes tickets next", example = "2026-12-07T09:00:00+08:00")
                       String nextOpening) {

    /** A hall as listed: no queues, windows or hours. */
    public static HallView listed(String code, String name, String calendarId) {
        return new HallView(code, name, calendarId, null, null, null, null, null);
    }

    @Schema(name = "Queue")
    public record QueueView(@Schema(example = "A") String code, @Schema(example = "A") String prefix,
                            @Schema(example = "市场主体登记") String name) {
    }

    @Schema(name = "Window")
    public record WindowView(@Schema(example = "3") int number, @Schema(example = "3号综合窗口") String name,
                             WindowStatus status, @Schema(example = "[\"A\", \"B\"]") List<String> queues) {
    }
}
