package io.siban.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.SortedMap;

/**
 * The fixed histogram buckets of the KPI rollups and the nearest-rank percentile read from them.
 * Durations: 10 s buckets below an hour, 1 min to 4 h, 10 min to a day, one bucket above; a
 * percentile is the midpoint of the bucket holding the nearest-rank value, so below an hour it is
 * within 5 s of the exact value (integer seconds 10b … 10b+9, midpoint 10b+5). Working days: 0.05-day
 * buckets up to 100 days (within 0.025 days). The SQL twins are {@code kpi_bucket} and
 * {@code kpi_day_bucket} of V16 (HistogramTest asks PostgreSQL that they agree).
 */
public final class Histogram {
    static final int LAST_SECONDS_BUCKET = 660;
    static final int LAST_DAYS_BUCKET = 2000;
    static final BigDecimal DAY_STEP = new BigDecimal("0.05");

    private Histogram() {
    }

    public static int bucket(long seconds) {
        if (seconds < 0) {
            return 0;
        }
        if (seconds < 3_600) {
            return (int) (seconds / 10);
        }
        if (seconds < 14_400) {
            return 360 + (int) ((seconds - 3_600) / 60);
        }
        if (seconds < 86_400) {
            return 540 + (int) ((seconds - 14_400) / 600);
        }
        return LAST_SECONDS_BUCKET;
    }

    /** The value a bucket answers with: its midpoint (a day for the last, open-ended one). */
    public static long midpoint(int bucket) {
        if (bucket < 360) {
            return 10L * bucket + 5;
        }
        if (bucket < 540) {
            return 3_600 + 60L * (bucket - 360) + 30;
        }
        if (bucket < LAST_SECONDS_BUCKET) {
            return 14_400 + 600L * (bucket - 540) + 300;
        }
        return 86_400;
    }

    public static int dayBucket(BigDecimal days) {
        int b = days.divide(DAY_STEP, 0, RoundingMode.FLOOR).intValue();
        return Math.min(Math.max(b, 0), LAST_DAYS_BUCKET);
    }

    public static double dayMidpoint(int bucket) {
        return bucket >= LAST_DAYS_BUCKET ? 100.0 : (bucket + 0.5) * 0.05;
    }

    /**
     * The bucket holding the nearest-rank {@code p}-percentile (rank ⌈p·n⌉) of the counted values;
     * null when nothing was counted.
     */
    public static Integer rankBucket(SortedMap<Integer, Long> counts, double p) {
        long n = 0;
        for (long c : counts.values()) {
            n += c;
        }
        if (n <= 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n - 1e-9));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }

    /** The seconds a percentile's bucket answers with; null for no bucket. */
    public static Long seconds(Integer bucket) {
        return bucket == null ? null : midpoint(bucket);
    }

    /** The working days a percentile's bucket answers with; null for no bucket. */
    public static Double days(Integer bucket) {
        return bucket == null ? null : dayMidpoint(bucket);
    }

    public static Long secondsPercentile(SortedMap<Integer, Long> counts, double p) {
        Integer b = rankBucket(counts, p);
        return b == null ? null : midpoint(b);
    }

    public static Double daysPercentile(SortedMap<Integer, Long> counts, double p) {
        Integer b = rankBucket(counts, p);
        return b == null ? null : dayMidpoint(b);
    }
}
