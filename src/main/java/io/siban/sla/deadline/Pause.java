package io.siban.sla.deadline;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch {@code [from, to)} during which the clock of a case stands still (补正, hearing, expert
 * review, testing, site inspection, public notice). {@code to == null} means the pause is still
 * running; the calculator then closes it at the {@code now} it is given.
 */
public record Pause(Instant from, Instant to) {

    /**
     * @throws NullPointerException     when {@code from} is null
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public Pause {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("a pause must not end before it starts: " + from + " → " + to);
        }
    }

    /** A pause that is still running. */
    public static Pause running(Instant from) {
        return new Pause(from, null);
    }

    /** True while the pause has no end. */
    public boolean isRunning() {
        return to == null;
    }
}
