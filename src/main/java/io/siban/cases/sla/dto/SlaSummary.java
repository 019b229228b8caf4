package io.siban.cases.sla.dto;

import io.siban.cases.CaseChannel;
import io.siban.catalog.Category;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

@Schema(name = "SlaSummary")
public record SlaSummary(SlaCounts total, Map<Category, SlaCounts> byCategory, Map<String, SlaCounts> byDepartment,
                         @Schema(description = "open cases by the channel they came through: the hall's windows and the online channels side by side")
                         Map<CaseChannel, SlaCounts> byChannel,
                         @Schema(description = "per window of the halls, in hall and number order") List<SlaWindow> byWindow) {
}
