package io.siban.appointment.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SlotTemplate")
public record SlotTemplateView(@Schema(example = "lz-city") String hall, @Schema(example = "SC-001") String itemCode,
                               @Schema(example = "30") int slotMinutes, @Schema(example = "4") int capacity,
                               Map<String, List<List<String>>> weeklyHours, OffsetDateTime updatedAt) {
}
