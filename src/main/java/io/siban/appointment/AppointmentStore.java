package io.siban.appointment;

import io.siban.outbox.Outbox;

/**
 * Every statement of the appointments (V25). Booking and cancelling move the slot's counter row in the
 * statement that writes the booking, so its capacity holds under any number of parallel bookings: the
 * counter's conditional upsert takes the row's lock, and a booking that finds the slot full writes nothing.
 */
final class AppointmentStore {
    private AppointmentStore() {
    }

    /** An appointment event's payload from the row of CTE alias {@code a}; never the code or the applicant. */
    private static String payload(String at) {
        return """
                jsonb_build_object('appointmentId', a.id, 'itemCode', a.item_code, 'queue', a.queue_code, 'slotStart', a.slot_start,
                                   'slotEnd', a.slot_end, 'channel', a.channel, 'at', %s)""".formatted(at);
    }

    /** The columns of a booking's view, of a row named {@code a}. */
    static final String COLUMNS = """
            a.id, a.hall_code, a.item_code, a.queue_code, a.slot_start, a.slot_end, a.service_date, a.status, a.channel, a.code_hash, a.code_sealed,
            a.applicant_name_masked, a.applicant_id_hash, a.applicant_id_masked, a.applicant_phone_masked, a.request_hash, a.ticket_id""";

    /** A booking with its hall's time zone, for instants shown with the hall's offset. */
    private static final String WITH_ZONE = "select " + COLUMNS + ", c.timezone from appointment a join hall h on h.code = a.hall_code "
            + "join calendar c on c.id = h.calendar_id ";

    /** The hall's calendar and hours, the item and its queue (hall_queue null: the hall lacks it), and the item's template in the hall. */
    static final String PLAN = """
            select h.calendar_id, h.service_hours::text as hall_hours, i.code as item_code, i.queue_code, q.code as hall_queue,
                   t.slot_minutes, t.capacity, t.weekly_hours::text as template_hours, t.updated_at
            from hall h
            left join service_item i on i.code = $2
            left join hall_queue q on q.hall_code = h.code and q.code = i.queue_code
            left join slot_template t on t.hall_code = h.code and t.item_code = i.code
            where h.code = $1""";

    static final String PUT_TEMPLATE = """
            insert into slot_template (hall_code, item_code, slot_minutes, capacity, weekly_hours, updated_at)
            values ($1, $2, $3, $4, ($5)::text::jsonb, $6)
            on conflict (hall_code, item_code) do update set slot_minutes = excluded.slot_minutes, capacity = excluded.capacity,
                weekly_hours = excluded.weekly_hours, updated_at = excluded.updated_at""";

    /** Booked appointments of the item in the hall whose slot is still to come (after $3). */
    static final String BOOKED_AHEAD = "select count(*) from appointment where hall_code = $1 and item_code = $2 and status = 'BOOKED' "
            + "and slot_start > $3";

    static final String DELETE_TEMPLATE = "delete from slot_template where hall_code = $1 and item_code = $2";

    /** Places taken in the item's slots starting in [$3, $4). */
    static final String BOOKED = """
            select slot_start, booked from appointment_slot
            where hall_code = $1 and item_code = $2 and slot_start >= $3 and slot_start < $4""";

    static final String BY_KEY = WITH_ZONE + "where a.hall_code = $1 and a.idempotency_key = $2";
    static final String BY_ID = WITH_ZONE + "where a.id = $1";

    /** Missed appointments of an ID number since $2. */
    static final String MISSED_SINCE = "select count(*) from appointment where applicant_id_hash = $1 and status = 'MISSED' and slot_start >= $2";

    /**
     * Books one place: the slot's counter goes up only while it is below the template's capacity ($5), and
     * the booking and its event are written only if it did. No row back: the slot is full. A second
     * active booking of the ID number for the item and day fails on appointment_one_active, the whole
     * statement with it (the counter too).
     */
    static final String BOOK = Outbox.sql("""
            with slot as (
                insert into appointment_slot (hall_code, item_code, slot_start, slot_end, capacity, booked)
                values ($1, $2, $3, $4, $5, 1)
                on conflict (hall_code, item_code, slot_start) do update
                    set booked = appointment_slot.booked + 1, capacity = excluded.capacity
                    where appointment_slot.booked < excluded.capacity
                returning booked),
            a as (
                insert into appointment (id, hall_code, item_code, queue_code, slot_start, slot_end, service_date, status, channel,
                    code_hash, code_sealed, applicant_name_masked, applicant_id_hash, applicant_id_masked, applicant_phone_masked,
                    applicant_sealed, booked_by, booked_at, idempotency_key, request_hash)
                select $6, $1, $2, $7, $3, $4, $8, 'BOOKED', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20 from slot
                returning *),
            event as (
                insert into outbox select a.hall_code, 'appointment.booked', %s from a)
            select %s from a""".formatted(payload("a.booked_at"), COLUMNS));

    /**
     * Cancels a booked appointment whose check-in window is still open (slot start after $3, now less the
     * window's after-part) and gives its place back; the number of rows cancelled (0 or 1).
     */
    static final String CANCEL = Outbox.sql("""
            with a as (
                update appointment set status = 'CANCELLED', cancelled_at = $2 where id = $1 and status = 'BOOKED' and slot_start > $3 returning *),
            slot as (
                update appointment_slot s set booked = s.booked - 1 from a
                where s.hall_code = a.hall_code and s.item_code = a.item_code and s.slot_start = a.slot_start),
            event as (
                insert into outbox select a.hall_code, 'appointment.cancelled', %s from a)
            select count(*) from a""".formatted(payload("$2::timestamptz")));

    /** The day's bookings of a hall, with each applicant's missed appointments since $3. */
    static final String DAY = WITH_ZONE.replace(" from appointment a", """
            , (select count(*) from appointment m where m.applicant_id_hash = a.applicant_id_hash
                 and m.status = 'MISSED' and m.slot_start >= $3) as missed
            from appointment a""") + "where a.hall_code = $1 and a.service_date = $2 order by a.slot_start, a.booked_at limit 2000";

    /** The booking a code names, locked for its check-in. */
    static final String CLAIM = """
            select a.id, a.hall_code, a.item_code, a.queue_code, a.slot_start, a.status, a.applicant_name_masked, a.applicant_id_hash,
                   a.applicant_id_masked, a.applicant_phone_masked, a.applicant_sealed, c.timezone
            from appointment a join hall h on h.code = a.hall_code join calendar c on c.id = h.calendar_id
            where a.code_hash = $1 for update of a""";

    static final String CHECKED_IN = Outbox.sql("""
            with a as (
                update appointment set status = 'CHECKED_IN', checked_in_at = $3, ticket_id = $2 where id = $1 and status = 'BOOKED'
                returning *)
            insert into outbox select a.hall_code, 'appointment.checked_in', %s || jsonb_build_object('ticketId', a.ticket_id) from a"""
            .formatted(payload("$3::timestamptz")));

    /** Booked appointments whose check-in window ended before $1 become MISSED, at most $2 a statement; the count. */
    static final String MISS = Outbox.sql("""
            with due as (
                select id from appointment where status = 'BOOKED' and slot_start < $1 order by slot_start limit $2
                for update skip locked),
            a as (
                update appointment a set status = 'MISSED', missed_at = $3 from due where a.id = due.id and a.status = 'BOOKED'
                returning a.*),
            event as (
                insert into outbox select a.hall_code, 'appointment.missed', %s from a order by a.hall_code, a.slot_start)
            select count(*) from a""".formatted(payload("$3::timestamptz")));

    /** Slot starts of the booked, not yet checked-in appointments of a queue in [$3, $4). */
    static final String EXPECTED = """
            select slot_start from appointment
            where hall_code = $1 and queue_code = $2 and status = 'BOOKED' and slot_start >= $3 and slot_start < $4
            order by slot_start limit 1000""";
}
