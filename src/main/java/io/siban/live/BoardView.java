package io.siban.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What a hall screen shows: now calling per window, waiting per queue, today's counts. Numbers only, never names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Board")
public record BoardView(@Schema(example = "lz-city") String hall,
                        @Schema(example = "兰州市政务服务中心") String name,
                        LocalDate serviceDate,
                        List<QueueLine> queues,
                        List<WindowLine> windows,
                        Today today,
                        @Schema(description = "id of the last event reflected here", example = "1207") long lastEventId,
                        OffsetDateTime updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BoardQueue")
    public record QueueLine(@Schema(example = "A") String code, @Schema(example = "A") String prefix,
                            @Schema(example = "市场主体登记") String name, @Schema(example = "12") long waiting,
                            @Schema(example = "2") int openWindows,
                            @Schema(description = "exponentially weighted service time", implementation = String.class, example = "PT7M30S")
                            Duration meanServiceTime,
                            @Schema(description = "wait for a ticket taken now") Estimate estimatedWait) {
    }

    @Schema(name = "BoardEstimate")
    public record Estimate(@Schema(implementation = String.class, example = "PT40M") Duration p50,
                           @Schema(implementation = String.class, example = "PT55M") Duration p90) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BoardWindow")
    public record WindowLine(@Schema(example = "3") int number, @Schema(example = "3号窗口") String name,
                             @Schema(example = "OPEN") String status, List<String> queues, Calling calling) {
    }

    @Schema(name = "BoardCalling", description = "the latest ticket called at the window: its number, never its id")
    public record Calling(@Schema(example = "A023") String number, @Schema(example = "A") String queue,
                          @Schema(example = "CALLED") String status, OffsetDateTime calledAt, int recalls) {
    }

    @Schema(name = "BoardToday", description = "the hall's figures for its local day: tickets issued, calls made "
            + "(a ticket called again after a transfer or reactivation counts again), tickets served, no-shows not "
            + "reactivated, cancellations, and the average issued-to-called wait over today's calls")
    public record Today(long issued, long called, long served, long noShow, long cancelled,
                        @Schema(implementation = String.class, example = "PT9M12S") Duration averageWait) {
    }
}
