package io.siban.cases.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CaseTransition")
public record TransitionView(OffsetDateTime at, @Schema(example = "reviewer") String actor, @Schema(example = "APPROVE") String action,
                             @Schema(example = "IN_REVIEW") String from, @Schema(example = "APPROVED") String to, String reason,
                             Map<String, Object> detail) {
    public static Map<String, Object> detailOf(Object stored) {
        if (stored instanceof JsonObject json) {
            return json.getMap();
        }
        return stored == null ? null : Map.of("value", stored.toString());
    }
}
