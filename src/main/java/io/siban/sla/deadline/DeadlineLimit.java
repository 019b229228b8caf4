package io.siban.sla.deadline;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit: either a working time ({@link DeadlineRule#WORKING_TIME}) or a count of working days
 * (the two day rules). Exactly one of the two is set: {@code workingTime} is null for a day count and
 * {@code workingDays} is 0 for a working time.
 */
public record DeadlineLimit(Duration workingTime, int workingDays) {

    /**
     * Checks that exactly one kind is set: a working time of at least one second with no day count,
     * or no working time and at least one working day.
     *
     * @throws IllegalArgumentException otherwise
     */
    public DeadlineLimit {
        if (workingTime == null && workingDays < 1) {
            throw new IllegalArgumentException("a working-day limit must be at least 1: " + workingDays);
        }
        if (workingTime != null && (workingDays != 0 || workingTime.isNegative() || workingTime.getSeconds() == 0)) {
            throw new IllegalArgumentException("a working-time limit must be at least one second and carry no day count: " + workingTime);
        }
    }

    /** A working-time limit of at least one second, e.g. {@code PT30M}. */
    public static DeadlineLimit workingTime(Duration workingTime) {
        return new DeadlineLimit(Objects.requireNonNull(workingTime, "workingTime"), 0);
    }

    /** A limit of {@code n >= 1} working days. */
    public static DeadlineLimit workingDays(int n) {
        return new DeadlineLimit(null, n);
    }

    /** True for a working-time limit, false for a working-day count. */
    public boolean isWorkingTime() {
        return workingTime != null;
    }
}
