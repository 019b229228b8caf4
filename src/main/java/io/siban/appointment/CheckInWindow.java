package io.siban.appointment;

import java.time.Duration;
import java.time.Instant;

/** The check-in window of a slot, [start − before, start + after], both ends included. Pure. */
final class CheckInWindow {
    private CheckInWindow() {
    }

    static boolean admits(Instant slotStart, Instant at, Duration before, Duration after) {
        return !at.isBefore(slotStart.minus(before)) && !at.isAfter(slotStart.plus(after));
    }
}
