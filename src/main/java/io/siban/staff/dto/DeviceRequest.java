package io.siban.staff.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeviceRequest")
public record DeviceRequest(@NotBlank @Size(max = 100) @Schema(example = "1号取号机") String name,
                            @NotNull @Pattern(regexp = "kiosk|display|mobile", message = "must be kiosk, display or mobile")
                            @Schema(example = "kiosk") String role,
                            @NotBlank @Schema(example = "lz-city") String hall,
                            @Schema(description = "may issue PRIORITY and GREEN_CHANNEL tickets (default false: a self-service kiosk)",
                                    defaultValue = "false") Boolean mayGrantPriority,
                            @Min(1) @Max(1_000_000)
                            @Schema(description = "tickets it may issue a minute (default siban.security.device-tickets-per-minute, 60)",
                                    example = "60") Integer ticketsPerMinute) {
}
