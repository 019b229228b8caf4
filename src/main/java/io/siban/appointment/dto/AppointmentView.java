package io.siban.appointment.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.queue.dto.TicketView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Appointment")
public record AppointmentView(UUID id,
                              @Schema(description = "the citizen's booking code, typed or scanned at the kiosk; in the booking answer and to "
                                      + "its holder only", example = "K7P3X9QM") String code,
                              @Schema(example = "lz-city") String hall,
                              @Schema(example = "SC-001") String itemCode,
                              @Schema(example = "2026-12-02T09:00:00+08:00") OffsetDateTime slotStart,
                              @Schema(example = "2026-12-02T09:30:00+08:00") OffsetDateTime slotEnd,
                              @Schema(example = "BOOKED", enumeration = {"BOOKED", "CHECKED_IN", "CANCELLED", "MISSED"}) String status,
                              @Schema(description = "the ticket it was checked in with") UUID ticketId,
                              TicketView.ApplicantView applicant,
                              @Schema(description = "staff views only: appointments this applicant missed in the last 30 days", example = "0")
                              Integer missedRecently) {
}
