package io.siban.queue;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.LocalDate;

/** An order with its queue resolved: everything but its daily number, which the statement takes. */
record NewTicket(TicketOrder order, String queue, String prefix, String itemCode, LocalDate serviceDate, Integer dailyQuota) {

    /** The parameters $1..$18 (and $19, the quota, when there is one) of the single-ticket statement. */
    Tuple parameters() {
        Tuple params = Tuple.tuple()
                .addString(order.hall()).addString(queue).addLocalDate(serviceDate).addUUID(order.id())
                .addString(prefix).addString(itemCode).addString(order.channel())
                .addString(order.priority()).addOffsetDateTime(order.lineKey()).addOffsetDateTime(order.issuedAt())
                .addString(order.nameMasked()).addString(order.idHash()).addString(order.idMasked()).addString(order.phoneMasked())
                .addString(order.sealed()).addString(order.appointmentId()).addString(order.idempotencyKey())
                .addString(order.requestHash());
        if (dailyQuota != null) {
            params.addInteger(dailyQuota);
        }
        return params;
    }
}
