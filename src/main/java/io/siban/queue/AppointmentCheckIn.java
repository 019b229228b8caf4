package io.siban.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the appointments feature does when a booking is checked in at a kiosk, inside the ticket's
 * transaction: it finds and locks the booking the code names and checks its window, and once the
 * ticket is written marks the booking checked in with it. The queue does not know how bookings are kept.
 */
public interface AppointmentCheckIn {
    /** A booking being checked in: what its ticket takes from it (item, queue, the applicant as stored). */
    record Booking(UUID id, String itemCode, String queueCode, String nameMasked, String idHash, String idMasked,
                   String phoneMasked, String sealed) {
    }

    /**
     * The booking of the hall the code names, locked for the transaction; fails with 422
     * {@code appointment-unknown} (no such code in the hall, cancelled, used, missed) or
     * {@code appointment-window} (outside its check-in window at {@code at}).
     */
    Uni<Booking> claim(SqlConnection conn, String hall, String code, OffsetDateTime at);

    /** Marks the claimed booking checked in with the ticket, in the same transaction. */
    Uni<Void> checkedIn(SqlConnection conn, UUID booking, UUID ticket, OffsetDateTime at);
}
