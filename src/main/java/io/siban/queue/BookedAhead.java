package io.siban.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * How many booked appointments a walk-in's estimate counts before it, pure: a booking expected at its
 * slot's start {@code s} checks in with the line key {@code s − headStart}, so it goes ahead of a walk-in
 * of line key {@code k} when {@code s − headStart < k}, and it matters only if it arrives before the
 * walk-in is called, {@code s < now + wait}. The wait itself grows with the bookings counted, so the count
 * is taken again with the longer wait until it no longer changes (it only grows, and never past the list).
 */
public final class BookedAhead {
    private BookedAhead() {
    }

    /**
     * @param slotStarts booked, not yet checked-in appointments of the queue that may still check in
     * @param lineKey    the walk-in's line key (its arrival)
     * @param headStart  the APPOINTMENT class's head start
     * @param waitWith   the walk-in's estimated wait (P50) with that many bookings more before it
     */
    public static long count(List<Instant> slotStarts, Instant lineKey, Instant now, Duration headStart, LongFunction<Duration> waitWith) {
        Instant ahead = lineKey.plus(headStart);
        long counted = 0;
        for (int round = 0; round <= slotStarts.size(); round++) {
            Duration wait = waitWith.apply(counted);
            Instant until = wait == null ? ahead : min(ahead, now.plus(wait));
            long found = slotStarts.stream().filter(s -> s.isBefore(until)).count();
            if (found == counted) {
                break;
            }
            counted = found;
        }
        return counted;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
