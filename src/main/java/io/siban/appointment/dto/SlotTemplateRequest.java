package io.siban.appointment.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

@Schema(name = "SlotTemplateRequest", description = "How an item's slots are cut; without weeklyHours they follow the hall's service hours")
public record SlotTemplateRequest(@Schema(required = true, example = "30", description = "5 to 480") Integer slotMinutes,
                                  @Schema(required = true, example = "4", description = "bookings a slot takes, 1 to 10000") Integer capacity,
                                  @Schema(description = "intervals [\"HH:mm\", \"HH:mm\"] per weekday (MONDAY … SUNDAY), as a hall's service hours",
                                          example = "{\"MONDAY\": [[\"09:00\",\"12:00\"],[\"14:00\",\"17:00\"]]}")
                                  Map<String, List<List<String>>> weeklyHours) {
}
