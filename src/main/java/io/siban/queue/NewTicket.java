package io.siban.queue;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A ticket about to be written: everything but its daily number, which the statement takes. */
record NewTicket(String hall, String queue, LocalDate serviceDate, UUID id, String prefix, String itemCode, String channel,
                 String priority, OffsetDateTime lineKey, OffsetDateTime issuedAt, String nameMasked, String idHash,
                 String idMasked, String phoneMasked, String sealed, String appointmentId, String idempotencyKey,
                 String requestHash, Integer dailyQuota) {

    /** Plain tickets may share a statement with others; quotas and the one-pending rule need their own. */
    boolean batchable() {
        return dailyQuota == null && idHash == null;
    }

    /** The parameters $1..$18 (and $19, the quota, when there is one) of the single-ticket statement. */
    Tuple parameters() {
        Tuple params = Tuple.tuple()
                .addString(hall).addString(queue).addLocalDate(serviceDate).addUUID(id)
                .addString(prefix).addString(itemCode).addString(channel)
                .addString(priority).addOffsetDateTime(lineKey).addOffsetDateTime(issuedAt)
                .addString(nameMasked).addString(idHash).addString(idMasked).addString(phoneMasked)
                .addString(sealed).addString(appointmentId).addString(idempotencyKey).addString(requestHash);
        if (dailyQuota != null) {
            params.addInteger(dailyQuota);
        }
        return params;
    }
}
