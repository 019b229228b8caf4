package io.siban.staff.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

@Schema(name = "Staff")
public record StaffView(@Schema(example = "clerk11") String username,
                        @Schema(example = "[\"clerk\"]") List<String> roles,
                        @Schema(example = "[\"lz-city\"]") List<String> halls,
                        @Schema(example = "[3]") List<Integer> windows,
                        @Schema(example = "[\"市场监管局\"]") List<String> departments,
                        @Schema(example = "true") boolean active,
                        OffsetDateTime createdAt) {
}
