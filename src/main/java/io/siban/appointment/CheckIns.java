package io.siban.appointment;

import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.queue.AppointmentCheckIn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * A booking checked in at the kiosk, inside the ticket's transaction (queue/TicketIssuer): the code's
 * booking, locked, must be BOOKED in this hall and the check-in inside [slotStart − before, slotStart + after].
 */
@ApplicationScoped
public class CheckIns implements AppointmentCheckIn {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Inject
    PersonalData personalData;
    @Inject
    AppointmentConfig config;

    @Override
    public Uni<Booking> claim(SqlConnection conn, String hall, String code, OffsetDateTime at) {
        String typed = BookingCodes.normalise(code);
        if (typed == null) {
            return Uni.createFrom().failure(unknown());
        }
        return conn.preparedQuery(AppointmentStore.CLAIM).execute(Tuple.of(personalData.hash(typed))).map(rows -> {
            Row r = rows.size() == 0 ? null : rows.iterator().next();
            if (r == null || !hall.equals(r.getString("hall_code")) || !List.of("BOOKED", "MISSED").contains(r.getString("status"))) {
                throw unknown();
            }
            OffsetDateTime start = r.getOffsetDateTime("slot_start").atZoneSameInstant(ZoneId.of(r.getString("timezone"))).toOffsetDateTime();
            // a missed booking is a late citizen: told the window has closed, as just before the sweep marked it
            if ("MISSED".equals(r.getString("status"))
                    || !CheckInWindow.admits(start.toInstant(), at.toInstant(), config.checkInBefore(), config.checkInAfter())) {
                throw ProblemException.businessRule("appointment-window", "check-in for this appointment is open from "
                        + config.checkInBefore().toMinutes() + " minutes before to " + config.checkInAfter().toMinutes()
                        + " minutes after its slot's start; take an ordinary ticket").with("slotStart", ISO.format(start))
                        .with("checkInOpens", ISO.format(start.minus(config.checkInBefore())))
                        .with("checkInCloses", ISO.format(start.plus(config.checkInAfter())));
            }
            return new Booking(r.getUUID("id"), r.getString("item_code"), r.getString("queue_code"), r.getString("applicant_name_masked"),
                    r.getString("applicant_id_hash"), r.getString("applicant_id_masked"), r.getString("applicant_phone_masked"),
                    r.getString("applicant_sealed"));
        });
    }

    @Override
    public Uni<Void> checkedIn(SqlConnection conn, UUID booking, UUID ticket, OffsetDateTime at) {
        return conn.preparedQuery(AppointmentStore.CHECKED_IN).execute(Tuple.of(booking, ticket, at)).invoke(rows -> {
            if (rows.rowCount() != 1) {
                // the claim holds the booking's row lock, so this cannot happen; if it does, the ticket must not commit alone
                throw new IllegalStateException("booking " + booking + " was not marked checked in with ticket " + ticket);
            }
        }).replaceWithVoid();
    }

    private static ProblemException unknown() {
        return ProblemException.businessRule("appointment-unknown",
                "no booking in this hall has this code, or it was cancelled, used or missed; take an ordinary ticket");
    }
}
