package io.siban.report.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /api/v1/reports/kpis} (API.md, "Reports and SLA metrics"; docs/kpis.md). */
@Schema(name = "KpiReport")
public record KpiReport(LocalDate from, LocalDate to, List<String> groupBy, List<Row> rows, Blocks total) {

    @Schema(name = "KpiRow")
    public record Row(Map<String, String> key, Tickets tickets, Cases cases, Ratings ratings, Windows windows,
                      Appointments appointments) {
        public Blocks blocks() {
            return new Blocks(tickets, cases, ratings, windows, appointments);
        }
    }

    @Schema(name = "KpiBlocks")
    public record Blocks(Tickets tickets, Cases cases, Ratings ratings, Windows windows, Appointments appointments) {
    }

    @Schema(name = "TicketKpis")
    public record Tickets(long issued, long called, long served, long noShow, long cancelled, long expired,
                          Long waitP50Seconds, Long waitP90Seconds, Double servedWithin15MinShare, Long walkP50Seconds,
                          Long serviceP50Seconds, Long serviceP90Seconds, Double noShowRate, Double abandonRate) {
    }

    @Schema(name = "CaseKpis")
    public record Cases(long accepted, long closed, long closedOnTime, Double completionRate, Double onTimeRate,
                        Double avgWorkingDaysUsed, Double p90WorkingDaysUsed, Double speedUpRate, Double immediateShare,
                        Double oneVisitShare, long oneTimeNoticeViolations, long red, long legalBreach) {
    }

    @Schema(name = "RatingKpis")
    public record Ratings(long count, Double satisfiedShare, Double unratedShare, long bad, long rectified, Double rectifiedShare) {
    }

    @Schema(name = "AppointmentKpis", description = "bookings whose slot falls in the period: all made, checked in, missed, "
            + "cancelled; missedShare = missed ÷ (checked in + missed). Channel is the booking's (MOBILE or STAFF).")
    public record Appointments(long booked, long checkedIn, long missed, long cancelled, Double missedShare) {
    }

    @Schema(name = "WindowKpis")
    public record Windows(Double utilisation) {
    }
}
