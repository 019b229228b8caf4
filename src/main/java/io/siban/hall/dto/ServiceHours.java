package io.siban.hall.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * When a hall takes tickets, as the admin wrote it and as it is stored: intervals ["HH:mm", "HH:mm"] per
 * weekday (MONDAY … SUNDAY; "24:00" closes at midnight) and per date (an empty list: closed that day).
 * Service hours are not working days: Saturday service leaves Saturday out of every deadline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ServiceHours", example = """
        {"weeklyHours": {"MONDAY": [["09:00","12:00"],["13:00","17:00"]], "SATURDAY": [["09:00","12:00"]]},
         "exceptions": {"2026-12-05": [["09:00","12:00"]], "2026-12-25": []}}""")
public record ServiceHours(
        @Schema(description = "intervals per weekday; a weekday not given takes no tickets") Map<String, List<List<String>>> weeklyHours,
        @Schema(description = "intervals for single dates instead of their weekday's; [] closes the date") Map<String, List<List<String>>> exceptions) {
}
