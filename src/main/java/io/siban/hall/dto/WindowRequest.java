package io.siban.hall.dto;

import io.siban.hall.WindowStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "WindowRequest")
public record WindowRequest(
        @NotNull @Min(1) @Max(9999) @Schema(example = "3") Integer number,
        @NotBlank @Size(max = 100) @Schema(example = "3号综合窗口") String name,
        @NotNull @Size(max = 50) @Schema(description = "codes of the queues this window serves", example = "[\"A\", \"B\"]")
        List<@NotBlank String> queues,
        @Schema(description = "initial status; default CLOSED", example = "OPEN") WindowStatus status) {
}
