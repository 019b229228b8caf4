package io.siban.appointment.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@Schema(name = "Slot", description = "A bookable slot; instants carry the hall's offset")
public record SlotView(@Schema(example = "2026-12-02T09:00:00+08:00") OffsetDateTime start,
                       @Schema(example = "2026-12-02T09:30:00+08:00") OffsetDateTime end,
                       @Schema(example = "4") int capacity, @Schema(example = "1") int booked) {
}
