package io.siban.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again (pure): exponential backoff with full jitter, a wait drawn
 * uniformly from zero to {@code base × 2^(attempts-1)}, capped, so receivers coming back are not hit by
 * every sender at once; a delivery still failing {@code giveUpAfter} its first attempt is dead.
 */
public record Backoff(Duration base, Duration cap, Duration giveUpAfter) {

    /** The ceiling of the wait after the {@code attempts}-th failed attempt (1 = the first). */
    public Duration ceiling(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** The next attempt's instant after a failed one at {@code now}, or null when the delivery is dead. */
    public Instant next(Instant firstAttempt, Instant now, int attempts, DoubleSupplier random) {
        if (!now.isBefore(firstAttempt.plus(giveUpAfter))) {
            return null;
        }
        long wait = (long) (random.getAsDouble() * ceiling(attempts).toMillis());
        return now.plusMillis(Math.max(1, wait));
    }
}
