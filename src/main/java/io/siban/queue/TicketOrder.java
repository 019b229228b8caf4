package io.siban.queue;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A ticket as asked for: what the request and the clock give, before its queue, service date and
 * number are known. {@code itemCode} and {@code queueCode} are as requested (either may be null).
 */
record TicketOrder(String hall, String itemCode, String queueCode, UUID id, String channel, String priority,
                   OffsetDateTime lineKey, OffsetDateTime issuedAt, String nameMasked, String idHash, String idMasked,
                   String phoneMasked, String sealed, String appointmentId, String idempotencyKey, String requestHash) {

    /** Without the one-pending rule a ticket may be resolved and written together with others. */
    boolean plain() {
        return idHash == null;
    }

    /** The order of an appointment's check-in: the booking's item and queue, its applicant as stored, its id as the reference. */
    TicketOrder forBooking(AppointmentCheckIn.Booking b, boolean onePending) {
        return new TicketOrder(hall, b.itemCode(), b.queueCode(), id, channel, priority, lineKey, issuedAt, b.nameMasked(),
                onePending ? b.idHash() : null, b.idMasked(), b.phoneMasked(), b.sealed(), b.id().toString(), idempotencyKey, requestHash);
    }
}
