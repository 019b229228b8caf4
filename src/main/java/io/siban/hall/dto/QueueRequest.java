package io.siban.hall.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "QueueRequest")
public record QueueRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}", message = "must be 1-32 letters, digits, '_' or '-'")
        @Schema(example = "A") String code,
        @NotBlank @Pattern(regexp = "[A-Z]{1,2}", message = "must be one or two capital letters")
        @Schema(example = "A") String prefix,
        @NotBlank @Size(max = 100) @Schema(example = "市场主体登记") String name) {
}
