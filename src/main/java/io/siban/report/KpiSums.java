package io.siban.report;

import java.math.BigDecimal;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rollup sums of one report row (or the total), added up from rollup rows: what the formulas of
 * {@link Kpis} are computed from. Fields follow the V16 rollup columns.
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
    public long rated;
    public long satisfied;
    public long bad;
    public final SortedMap<Integer, Long> wait = new TreeMap<>();
    public final SortedMap<Integer, Long> walk = new TreeMap<>();
    public final SortedMap<Integer, Long> service = new TreeMap<>();

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
    public final SortedMap<Integer, Long> used = new TreeMap<>();

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
        rated += o.rated;
        satisfied += o.satisfied;
        bad += o.bad;
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

    public static void count(SortedMap<Integer, Long> histogram, int bucket, long n) {
        histogram.merge(bucket, n, Long::sum);
    }

    /** Adds everything of {@code o}: for the total. */
    public void add(KpiSums o) {
        addTickets(o);
        addCases(o);
        o.wait.forEach((b, n) -> count(wait, b, n));
        o.walk.forEach((b, n) -> count(walk, b, n));
        o.service.forEach((b, n) -> count(service, b, n));
        o.used.forEach((b, n) -> count(used, b, n));
        windowServingSeconds += o.windowServingSeconds;
        openSeconds += o.openSeconds;
        windowsKnown |= o.windowsKnown;
    }
}
