package io.siban.hall.dto;

import io.siban.hall.WindowStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Changes a window's status (clerk or admin) and/or its queues (admin). Absent fields stay as they are. */
@Schema(name = "WindowPatch")
public record WindowPatch(@Schema(example = "OPEN") WindowStatus status,
                          @Size(max = 50) @Schema(example = "[\"A\", \"B\", \"C\"]") List<@NotBlank String> queues) {
}
