package io.siban.staff.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PairingRequest")
public record PairingRequest(@NotBlank @Size(max = 32) @Schema(description = "the code the admin was given", example = "K7QM-4XPR") String code) {
}
