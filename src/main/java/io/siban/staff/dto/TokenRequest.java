package io.siban.staff.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenRequest")
public record TokenRequest(@NotBlank @Size(max = 64) @Schema(example = "clerk1") String username,
                           @NotBlank @Size(max = 256) @Schema(example = "clerk") String password) {
}
