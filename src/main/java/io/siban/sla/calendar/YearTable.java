package io.siban.sla.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The office intervals of one local year resolved to epoch seconds, with cumulative working seconds
 * and working-day ordinals, so that every lookup is O(1) or one binary search.
 *
 * <p>Intervals are stored in time order; {@code cumBefore[i]} is the working time of the year before
 * interval {@code i} opens, and {@code cumBefore[n]} the year's total.
 *
 * <p>Public only as an opaque reference year that the deadline engine hands back to
 * {@link WorkingCalendar#position(long, YearTable)}; nothing of it is readable outside this package.
 */
public final class YearTable {

    final int year;
    final int days;
    final long startEpoch;
    final long endEpoch;
    /** Local midnight of each day as epoch seconds; {@code days + 1} entries. */
    final long[] dayStart;
    /** Index of the first interval of each day; {@code days + 1} entries. */
    final int[] firstInterval;
    final long[] open;
    final long[] close;
    final long[] cumBefore;
    /** Working days with index {@code <= d}, per day index. */
    final int[] workingDaysUpTo;
    /** Day index of each working day, in order. */
    final int[] workingDays;

    private YearTable(int year, int days, long[] dayStart, int[] firstInterval, long[] open, long[] close,
                      long[] cumBefore, int[] workingDaysUpTo, int[] workingDays) {
        this.year = year;
        this.days = days;
        this.startEpoch = dayStart[0];
        this.endEpoch = dayStart[days];
        this.dayStart = dayStart;
        this.firstInterval = firstInterval;
        this.open = open;
        this.close = close;
        this.cumBefore = cumBefore;
        this.workingDaysUpTo = workingDaysUpTo;
        this.workingDays = workingDays;
    }

    static YearTable build(int year, ZoneId zone, Function<LocalDate, List<OfficeInterval>> hoursOn) {
        LocalDate first = LocalDate.of(year, 1, 1);
        int days = first.lengthOfYear();
        long[] dayStart = new long[days + 1];
        int[] firstInterval = new int[days + 1];
        int[] workingDaysUpTo = new int[days];
        int[] workingDays = new int[days];
        long[] open = new long[days * 2];
        long[] close = new long[days * 2];
        int n = 0;
        int workingCount = 0;
        for (int d = 0; d <= days; d++) {
            dayStart[d] = epochSecond(first.plusDays(d), LocalTime.MIDNIGHT, zone);
        }
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            firstInterval[d] = n;
            List<OfficeInterval> hours = hoursOn.apply(date);
            if (!hours.isEmpty()) {
                workingDays[workingCount++] = d;
            }
            workingDaysUpTo[d] = workingCount;
            long previousClose = dayStart[d];
            for (OfficeInterval interval : hours) {
                if (n == open.length) {
                    open = java.util.Arrays.copyOf(open, n * 2);
                    close = java.util.Arrays.copyOf(close, n * 2);
                }
                // DST can move resolved instants out of order or out of the day: clamp, keep order.
                long opening = Math.min(Math.max(resolve(date, interval.fromSecond(), zone), previousClose), dayStart[d + 1]);
                long closing = Math.min(Math.max(resolve(date, interval.toSecond(), zone), opening), dayStart[d + 1]);
                open[n] = opening;
                close[n] = closing;
                previousClose = closing;
                n++;
            }
        }
        firstInterval[days] = n;
        long[] cumBefore = new long[n + 1];
        for (int i = 0; i < n; i++) {
            cumBefore[i + 1] = cumBefore[i] + close[i] - open[i];
        }
        return new YearTable(year, days, dayStart, firstInterval, java.util.Arrays.copyOf(open, n),
                java.util.Arrays.copyOf(close, n), cumBefore, workingDaysUpTo,
                java.util.Arrays.copyOf(workingDays, workingCount));
    }

    private static long resolve(LocalDate date, int secondOfDay, ZoneId zone) {
        return secondOfDay == OfficeInterval.SECONDS_PER_DAY
                ? epochSecond(date.plusDays(1), LocalTime.MIDNIGHT, zone)
                : epochSecond(date, LocalTime.ofSecondOfDay(secondOfDay), zone);
    }

    /** The documented DST rule: java.time's default (gap: shifted later by the gap; overlap: earlier offset). */
    static long epochSecond(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toEpochSecond();
    }

    long total() {
        return cumBefore[cumBefore.length - 1];
    }

    int workingDayCount() {
        return workingDays.length;
    }

    boolean contains(long sec) {
        return sec >= startEpoch && sec < endEpoch;
    }

    /** Day index of {@code sec}; requires {@link #contains(long)}. Days last 23–25 hours, so the guess is off by at most one. */
    int dayIndexOf(long sec) {
        int d = (int) Math.min(days - 1, Math.max(0, (sec - startEpoch) / OfficeInterval.SECONDS_PER_DAY));
        while (sec < dayStart[d]) {
            d--;
        }
        while (sec >= dayStart[d + 1]) {
            d++;
        }
        return d;
    }

    boolean isWorkingDayIndex(int d) {
        return workingDaysUpTo[d] - (d == 0 ? 0 : workingDaysUpTo[d - 1]) == 1;
    }

    /** Working seconds of this year before {@code sec}; requires {@link #contains(long)}. */
    long workedBefore(long sec) {
        int d = dayIndexOf(sec);
        int end = firstInterval[d + 1];
        for (int i = firstInterval[d]; i < end; i++) {
            if (sec < open[i]) {
                return cumBefore[i];
            }
            if (sec < close[i]) {
                return cumBefore[i] + sec - open[i];
            }
        }
        return cumBefore[end];
    }

    /** The earliest instant at which {@code target} working seconds of this year have passed; {@code 0 < target <= total()}. */
    long instantAtWorked(long target) {
        int low = 1;
        int high = cumBefore.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumBefore[mid] >= target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        int i = low - 1;
        return open[i] + target - cumBefore[i];
    }

    /** The first office-hours instant at or after {@code sec} in this year, or {@link Long#MIN_VALUE} if none. */
    long nextOpening(long sec) {
        int start = sec < startEpoch ? 0 : firstInterval[dayIndexOf(sec)];
        for (int i = start; i < open.length; i++) {
            if (sec < close[i] && open[i] < close[i]) {
                return Math.max(sec, open[i]);
            }
        }
        return Long.MIN_VALUE;
    }

    boolean isOfficeHours(long sec) {
        int d = dayIndexOf(sec);
        for (int i = firstInterval[d]; i < firstInterval[d + 1]; i++) {
            if (sec >= open[i] && sec < close[i]) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code sec} lies in {@code [open, close]} of an interval of day {@code d}. */
    boolean withinHoursInclusive(int d, long sec) {
        for (int i = firstInterval[d]; i < firstInterval[d + 1]; i++) {
            if (sec >= open[i] && sec <= close[i]) {
                return true;
            }
        }
        return false;
    }

    /** Close of office hours on the {@code k}-th (0-based) working day of this year. */
    long closingOfWorkingDay(int k) {
        return close[firstInterval[workingDays[k] + 1] - 1];
    }

    LocalDate date(int dayIndex) {
        return LocalDate.ofYearDay(year, dayIndex + 1);
    }
}
