package io.siban.staff.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A one-time code to type into a kiosk or display; shown once. */
@Schema(name = "PairingCode")
public record PairingCode(@Schema(description = "one-time code; dashes and case do not matter", example = "K7QM-4XPR") String code,
                          @Schema(description = "the code is refused after this instant", example = "2026-12-01T10:10:00+08:00")
                          OffsetDateTime expiresAt) {
}
