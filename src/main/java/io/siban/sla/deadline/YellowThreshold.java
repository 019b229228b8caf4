package io.siban.sla.deadline;

import java.time.Duration;
import java.util.Objects;

/**
 * When a card turns yellow before the committed due: either a working time ({@code workingTime} set,
 * {@code workingDays == 0}) or a number of working days ({@code workingTime == null},
 * {@code workingDays >= 1}). See {@link SlaCards#yellowFrom} for the exact instants.
 */
public record YellowThreshold(Duration workingTime, int workingDays) {

    /** Default for TIME_LIMITED and PROXY items: one working day. */
    public static final YellowThreshold ONE_WORKING_DAY = workingDays(1);

    /** Default for SAME_DAY items: two working hours. */
    public static final YellowThreshold TWO_WORKING_HOURS = workingTime(Duration.ofHours(2));

    /**
     * Checks that exactly one kind is set: a non-negative working time with {@code workingDays == 0},
     * or no working time and at least one working day.
     *
     * @throws IllegalArgumentException otherwise
     */
    public YellowThreshold {
        if (workingTime == null ? workingDays < 1 : workingDays != 0 || workingTime.isNegative()) {
            throw new IllegalArgumentException("a threshold is a non-negative working time or at least one working day");
        }
    }

    /** Yellow once at most {@code workingTime} of office hours remains. */
    public static YellowThreshold workingTime(Duration workingTime) {
        return new YellowThreshold(Objects.requireNonNull(workingTime, "workingTime"), 0);
    }

    /** Yellow from the same local time {@code n} working days before the due. */
    public static YellowThreshold workingDays(int n) {
        return new YellowThreshold(null, n);
    }
}
