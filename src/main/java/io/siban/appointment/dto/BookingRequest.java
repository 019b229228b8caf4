package io.siban.appointment.dto;

import io.siban.queue.dto.IssueRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BookingRequest")
public record BookingRequest(@Schema(required = true, example = "SC-001") String itemCode,
                             @Schema(required = true, example = "2026-12-02T09:00:00+08:00", description = "the start of one of GET …/slots")
                             String slotStart,
                             @Schema(required = true, description = "name and ID number are required") IssueRequest.Applicant applicant) {
}
