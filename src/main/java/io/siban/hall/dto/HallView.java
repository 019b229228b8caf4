package io.siban.hall.dto;

import io.siban.hall.WindowStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "Hall")
public record HallView(@Schema(example = "lz-city") String code,
                       @Schema(example = "兰州市政务服务中心") String name,
                       @Schema(example = "cn") String calendarId,
                       List<QueueView> queues,
                       List<WindowView> windows) {

    @Schema(name = "Queue")
    public record QueueView(@Schema(example = "A") String code, @Schema(example = "A") String prefix,
                            @Schema(example = "市场主体登记") String name) {
    }

    @Schema(name = "Window")
    public record WindowView(@Schema(example = "3") int number, @Schema(example = "3号综合窗口") String name,
                             WindowStatus status, @Schema(example = "[\"A\", \"B\"]") List<String> queues) {
    }
}
