package io.siban.queue;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The booked appointments a queue still expects (implemented by the appointments feature): the slot
 * starts of bookings not yet checked in that may still check in and start before {@code now + within}.
 * A recent answer is good enough: it feeds estimates only.
 */
public interface ExpectedArrivals {
    Uni<List<Instant>> expected(String hall, String queue, Instant now, Duration within);
}
