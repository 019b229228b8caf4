package io.siban.security.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeviceRequest")
public record DeviceRequest(@NotBlank @Size(max = 100) @Schema(example = "1号取号机") String name,
                            @NotNull @Pattern(regexp = "kiosk|display", message = "must be kiosk or display")
                            @Schema(example = "kiosk") String role,
                            @NotBlank @Schema(example = "lz-city") String hall) {
}
