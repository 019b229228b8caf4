package io.siban.report;

import java.math.BigDecimal;

/**
 * The rollup sums of one report row (or the total), added up from rollup rows, and the histogram
 * buckets of its percentiles (nearest rank, computed in SQL from the summed histograms): what the
 * formulas of {@link Kpis} are computed from. Fields follow the V16 rollup columns, and V21's for ratings.
 */
public final class KpiSums {
    public long issued;
    public long called;
    public long served;
    public long noShow;
    public long cancelled;
    public long expired;
    public long within15;
    public long waitSum;
    public long walkCount;
    public long walkSum;
    public long serviceCount;
    public long serviceSum;
    /** Served tickets with a rating that is not excluded (the ticket rollups'). */
    public long ratedTickets;
    /** Buckets ({@link Histogram}) holding the nearest-rank percentiles; null when nothing was measured. */
    public Integer waitP50;
    public Integer waitP90;
    public Integer walkP50;
    public Integer serviceP50;
    public Integer serviceP90;

    public long accepted;
    public long acceptedClosed;
    public long immediate;
    public long closed;
    public long closedOnTime;
    public long usedCount;
    public BigDecimal usedSum = BigDecimal.ZERO;
    public BigDecimal speedUsedSum = BigDecimal.ZERO;
    public BigDecimal statutorySum = BigDecimal.ZERO;
    public long oneVisit;
    public long noticeViolations;
    public long red;
    public long legalBreach;
    public Integer usedP90;

    /** Ratings not excluded, tickets' and cases' (the rating rollups'): all, of 4 or 5, of 1 or 2, and bad ones rectified (CLOSED). */
    public long ratings;
    public long satisfied;
    public long bad;
    public long rectified;

    /** Bookings whose slot is in the period (V28's view over the bookings): made, checked in, missed, cancelled. */
    public long booked;
    public long checkedIn;
    public long missed;
    public long cancelledBookings;

    /** Serving seconds of the windows (when window time is known for the row) and their open seconds. */
    public long windowServingSeconds;
    public long openSeconds;
    public boolean windowsKnown;

    public void addTickets(KpiSums o) {
        issued += o.issued;
        called += o.called;
        served += o.served;
        noShow += o.noShow;
        cancelled += o.cancelled;
        expired += o.expired;
        within15 += o.within15;
        waitSum += o.waitSum;
        walkCount += o.walkCount;
        walkSum += o.walkSum;
        serviceCount += o.serviceCount;
        serviceSum += o.serviceSum;
        ratedTickets += o.ratedTickets;
    }

    public void addAppointments(KpiSums o) {
        booked += o.booked;
        checkedIn += o.checkedIn;
        missed += o.missed;
        cancelledBookings += o.cancelledBookings;
    }

    public void addRatings(KpiSums o) {
        ratings += o.ratings;
        satisfied += o.satisfied;
        bad += o.bad;
        rectified += o.rectified;
    }

    public void addCases(KpiSums o) {
        accepted += o.accepted;
        acceptedClosed += o.acceptedClosed;
        immediate += o.immediate;
        closed += o.closed;
        closedOnTime += o.closedOnTime;
        usedCount += o.usedCount;
        usedSum = usedSum.add(o.usedSum);
        speedUsedSum = speedUsedSum.add(o.speedUsedSum);
        statutorySum = statutorySum.add(o.statutorySum);
        oneVisit += o.oneVisit;
        noticeViolations += o.noticeViolations;
        red += o.red;
        legalBreach += o.legalBreach;
    }

    /** Takes the percentiles of {@code o}: the whole's, for the total or the one row of an ungrouped report. */
    public void percentilesOf(KpiSums o) {
        waitP50 = o.waitP50;
        waitP90 = o.waitP90;
        walkP50 = o.walkP50;
        serviceP50 = o.serviceP50;
        serviceP90 = o.serviceP90;
        usedP90 = o.usedP90;
        windowsKnown |= o.windowsKnown;
    }

    /** Adds the sums of {@code o} (percentiles do not add up: the total's come from SQL). */
    public void add(KpiSums o) {
        addTickets(o);
        addCases(o);
        addRatings(o);
        addAppointments(o);
        windowServingSeconds += o.windowServingSeconds;
        openSeconds += o.openSeconds;
        windowsKnown |= o.windowsKnown;
    }
}
