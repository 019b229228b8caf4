package io.siban.staff.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** What a device learns when it pairs: its bearer token and what the token is for. */
@Schema(name = "PairedDevice")
public record PairedDevice(@Schema(description = "bearer token for the device; keep it on the device, never in a URL",
                                   example = "eyJhbGciOiJSUzI1NiJ9...") String token,
                           @Schema(description = "seconds until the token expires", example = "31536000") long expiresIn,
                           @Schema(example = "Bearer") String tokenType,
                           UUID deviceId,
                           @Schema(example = "kiosk") String role,
                           @Schema(example = "lz-city") String hall) {
}
