package io.siban.hall.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HallRequest")
public record HallRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be 2-40 lower-case letters, digits or '-'")
        @Schema(example = "lz-city") String code,
        @NotBlank @Size(max = 200) @Schema(example = "兰州市政务服务中心") String name,
        @Schema(description = "working calendar; default: the shipped China calendar", example = "cn") String calendarId,
        @Schema(description = "when the hall takes tickets (hall-local); absent: whenever asked") ServiceHours serviceHours) {

    /** A hall that takes tickets whenever asked. */
    public HallRequest(String code, String name, String calendarId) {
        this(code, name, calendarId, null);
    }
}
