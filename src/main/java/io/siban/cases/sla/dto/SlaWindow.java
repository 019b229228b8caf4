package io.siban.cases.sla.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One window of a hall: the open cases taken in there (the window of their first visit), and its
 * tickets of the hall-local day.
 */
@Schema(name = "SlaWindow")
public record SlaWindow(@Schema(example = "lz-city") String hall,
                        @Schema(example = "3") int window,
                        @Schema(description = "null for a window no longer configured", example = "3号窗口") String name,
                        @Schema(example = "14") long open, @Schema(example = "1") long paused, @Schema(example = "2") long yellow,
                        @Schema(example = "0") long red, @Schema(example = "0") long legalBreach,
                        @Schema(description = "the ticket number called or being served there now, if any", example = "A023") String nowServing,
                        @Schema(description = "tickets served there today", example = "41") long servedToday,
                        @Schema(description = "average start-to-finish seconds of today's served tickets; null before the first", example = "412")
                        Long averageServiceSecondsToday) {
}
