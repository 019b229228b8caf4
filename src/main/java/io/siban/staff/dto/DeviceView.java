package io.siban.staff.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A device; {@code token} is present only in the answer that creates it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Device")
public record DeviceView(UUID id,
                         @Schema(example = "1号取号机") String name,
                         @Schema(example = "kiosk") String role,
                         @Schema(example = "lz-city") String hall,
                         @Schema(description = "bearer token, shown once") String token,
                         OffsetDateTime createdAt,
                         OffsetDateTime revokedAt,
                         @Schema(example = "false") boolean mayGrantPriority,
                         @Schema(example = "60") int ticketsPerMinute) {
}
