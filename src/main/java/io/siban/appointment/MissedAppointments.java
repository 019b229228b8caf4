package io.siban.appointment;

import io.siban.common.Clocks;
import io.siban.common.Sweep;
import io.siban.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/**
 * Bookings not checked in by the end of their window become MISSED, with their event. Every instance
 * sweeps; each booking is missed once (rows are locked and skipped, and the update re-checks BOOKED).
 */
@ApplicationScoped
public class MissedAppointments implements Sweep {
    static final int BATCH = 1000;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    AppointmentConfig config;
    @Inject
    OutboxPublisher publisher;

    @Override
    public String name() {
        return "missed appointments";
    }

    @Override
    public Uni<Void> sweep() {
        return missNow().replaceWithVoid();
    }

    /** Marks the bookings whose window has closed; emits how many. */
    public Uni<Long> missNow() {
        OffsetDateTime now = clocks.now();
        // a slot started before now − after has its check-in window closed (CheckInWindow)
        return pool.preparedQuery(AppointmentStore.MISS).execute(Tuple.of(now.minus(config.checkInAfter()), BATCH, now))
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(count -> {
                    if (count > 0) {
                        publisher.wake();
                    }
                });
    }
}
