package io.siban.report;

import io.siban.report.dto.KpiReport;

import java.math.BigDecimal;
import java.math.MathContext;

/** The KPI formulas of DOMAIN.md ("KPI definitions"), from a row's sums; docs/kpis.md lists them. */
public final class Kpis {
    private Kpis() {
    }

    /** {@code part ÷ whole}, null when the whole is 0. */
    public static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    public static KpiReport.Blocks of(KpiSums s) {
        return new KpiReport.Blocks(tickets(s), cases(s), ratings(s), windows(s), appointments(s));
    }

    static KpiReport.Tickets tickets(KpiSums s) {
        return new KpiReport.Tickets(s.issued, s.called, s.served, s.noShow, s.cancelled, s.expired,
                Histogram.seconds(s.waitP50), Histogram.seconds(s.waitP90),
                share(s.within15, s.called), Histogram.seconds(s.walkP50),
                Histogram.seconds(s.serviceP50), Histogram.seconds(s.serviceP90),
                share(s.noShow, s.called), share(s.cancelled + s.expired, s.issued));
    }

    static KpiReport.Cases cases(KpiSums s) {
        Double average = s.usedCount == 0 ? null : s.usedSum.divide(BigDecimal.valueOf(s.usedCount), MathContext.DECIMAL64).doubleValue();
        Double speedUp = s.statutorySum.signum() == 0 ? null
                : BigDecimal.ONE.subtract(s.speedUsedSum.divide(s.statutorySum, MathContext.DECIMAL64)).doubleValue();
        return new KpiReport.Cases(s.accepted, s.closed, s.closedOnTime, share(s.acceptedClosed, s.accepted),
                share(s.closedOnTime, s.closed), average, Histogram.days(s.usedP90), speedUp,
                share(s.immediate, s.accepted), share(s.oneVisit, s.closed), s.noticeViolations, s.red, s.legalBreach);
    }

    /**
     * Ratings not excluded (tickets' and cases'); unrated is of served tickets, from the ticket rollups (a
     * ticket whose rating was excluded is unrated); rectified are bad ratings whose rectification is CLOSED.
     */
    /** Missed of the bookings that came due (checked in or missed; cancelled and still booked ones are neither). */
    static KpiReport.Appointments appointments(KpiSums s) {
        return new KpiReport.Appointments(s.booked, s.checkedIn, s.missed, s.cancelledBookings, share(s.missed, s.checkedIn + s.missed));
    }

    static KpiReport.Ratings ratings(KpiSums s) {
        return new KpiReport.Ratings(s.ratings, share(s.satisfied, s.ratings), share(s.served - s.ratedTickets, s.served), s.bad,
                s.rectified, share(s.rectified, s.bad));
    }

    static KpiReport.Windows windows(KpiSums s) {
        return new KpiReport.Windows(s.windowsKnown ? share(s.windowServingSeconds, s.openSeconds) : null);
    }
}
