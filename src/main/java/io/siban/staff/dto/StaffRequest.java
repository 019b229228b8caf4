package io.siban.staff.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "StaffRequest")
public record StaffRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "must be 2-64 lower-case letters, digits, '.', '_' or '-'")
        @Schema(example = "clerk11") String username,
        @NotBlank @Size(min = 8, max = 256) @Schema(example = "correct horse battery") String password,
        @NotEmpty @Schema(example = "[\"clerk\"]") List<@NotNull @Pattern(regexp = "clerk|reviewer|supervisor|admin",
                message = "must be one of clerk, reviewer, supervisor, admin") String> roles,
        @Schema(description = "halls the account may act on; [\"*\"] for all", example = "[\"lz-city\"]")
        List<@NotBlank String> halls,
        @Schema(description = "window numbers a clerk works at, in their halls (supervisors and admins act at every window)",
                example = "[3]") List<@NotNull @Min(1) @Max(9999) Integer> windows,
        @Size(max = 50) @Schema(description = "departments a supervisor answers for in their halls (差评整改); none: all of them",
                example = "[\"市场监管局\"]") List<@NotBlank @Size(max = 64) String> departments) {

    public StaffRequest(String username, String password, List<String> roles, List<String> halls, List<Integer> windows) {
        this(username, password, roles, halls, windows, null);
    }
}
