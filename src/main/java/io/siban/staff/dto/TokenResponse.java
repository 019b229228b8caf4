package io.siban.staff.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "TokenResponse")
public record TokenResponse(@Schema(example = "eyJhbGciOiJSUzI1NiJ9...") String accessToken,
                            @Schema(description = "seconds until the token expires", example = "28800") long expiresIn,
                            @Schema(example = "Bearer") String tokenType,
                            @Schema(example = "[\"clerk\"]") List<String> roles,
                            @Schema(example = "[\"lz-city\"]") List<String> halls) {
}
