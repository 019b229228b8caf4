package io.siban.appointment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.appointment.dto.AppointmentView;
import io.siban.appointment.dto.BookingRequest;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.OutboxPublisher;
import io.siban.queue.dto.TicketView;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Bookings: made by a hall's mobile backend or its staff, on a slot of the item's template, one active
 * per ID number, item and day; cancelled with the citizen's code (or by the hall's staff); read back.
 * A booking is answered once its statement (counter, row, event) has committed.
 */
@ApplicationScoped
public class Bookings {
    @Inject
    Pool pool;
    @Inject
    SlotTemplates templates;
    @Inject
    PersonalData personalData;
    @Inject
    Clocks clocks;
    @Inject
    AppointmentConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxPublisher publisher;

    /** A booking and whether this request made it (false: an idempotent retry). */
    public record Booked(AppointmentView appointment, boolean created) {
    }

    public Uni<Booked> book(Caller caller, String hall, BookingRequest request, String idempotencyKey) {
        OffsetDateTime start = BookingRules.booking(request, idempotencyKey);
        String requestHash = requestHash(hall, request);
        return replay(hall, idempotencyKey, requestHash).chain(earlier -> earlier != null ? Uni.createFrom().item(earlier)
                : templates.plan(hall, request.itemCode()).chain(plan -> {
                    SlotPlan.Slot slot = slotOf(plan, start);
                    return missedTooOften(request).chain(() -> insert(caller, plan, slot, request, idempotencyKey, requestHash));
                }).onFailure(PgException.class).recoverWithUni(failure -> refused((PgException) failure, hall, idempotencyKey, requestHash))
                .onFailure(Bookings::earlierMayExplain).recoverWithUni(failure -> earlierOr(hall, idempotencyKey, requestHash, failure)));
    }

    /** A refusal the same request sent at once could have caused: it took the last place, or it is the booking already there. */
    private static boolean earlierMayExplain(Throwable failure) {
        return failure instanceof ProblemException p && p.status() == 422
                && (p.toProblem().type().endsWith("/slot-full") || p.toProblem().type().endsWith("/already-booked"));
    }

    /** The booking made under the key while this request waited; else the refusal. */
    private Uni<Booked> earlierOr(String hall, String key, String requestHash, Throwable refusal) {
        return replay(hall, key, requestHash).chain(earlier -> earlier != null ? Uni.createFrom().item(earlier) : Uni.createFrom().failure(refusal));
    }

    /** The slot the booking asks for: one of the template's slots on its hall-local date, in the horizon, not begun. */
    private SlotPlan.Slot slotOf(SlotTemplates.Plan plan, OffsetDateTime start) {
        if (plan.slotMinutes() == null) {
            throw ProblemException.businessRule("no-slots", "item '" + plan.itemCode() + "' takes no appointments in hall '" + plan.hall() + "'");
        }
        OffsetDateTime now = clocks.now();
        LocalDate date = start.atZoneSameInstant(plan.zone()).toLocalDate();
        SlotPlan.Slot slot = templates.bookable(plan, date, now.atZoneSameInstant(plan.zone()).toLocalDate())
                ? SlotPlan.starting(plan.slotsOn(date), start.toInstant()) : null;
        if (slot == null) {
            throw ProblemException.invalid("slotStart", "is not the start of a slot of item '" + plan.itemCode() + "' (see GET …/slots: "
                    + "working days only, within " + config.horizonDays() + " days)");
        }
        if (!slot.start().isAfter(now.toInstant())) {
            throw ProblemException.invalid("slotStart", "this slot has already begun");
        }
        return slot;
    }

    private Uni<Void> missedTooOften(BookingRequest request) {
        if (config.missedLimit() <= 0) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime since = clocks.now().minus(config.missedWindow());
        return pool.preparedQuery(AppointmentStore.MISSED_SINCE).execute(Tuple.of(personalData.hash(request.applicant().idNumber()), since))
                .invoke(rows -> {
                    if (rows.iterator().next().getLong(0) >= config.missedLimit()) {
                        throw ProblemException.businessRule("missed-too-often", "this ID number missed " + config.missedLimit()
                                + " or more appointments recently; take a ticket at the hall instead");
                    }
                }).replaceWithVoid();
    }

    private Uni<Booked> insert(Caller caller, SlotTemplates.Plan plan, SlotPlan.Slot slot, BookingRequest request, String key,
                               String requestHash) {
        var a = request.applicant();
        String code = BookingCodes.fresh();
        OffsetDateTime now = clocks.now();
        ZoneId zone = plan.zone();
        Tuple params = Tuple.tuple().addString(plan.hall()).addString(plan.itemCode())
                .addOffsetDateTime(slot.start().atOffset(now.getOffset())).addOffsetDateTime(slot.end().atOffset(now.getOffset()))
                .addInteger(plan.capacity()).addUUID(UUID.randomUUID()).addString(plan.queue())
                .addLocalDate(slot.start().atZone(zone).toLocalDate()).addString(caller.has(Roles.MOBILE) ? "MOBILE" : "STAFF")
                .addString(personalData.hash(code)).addString(personalData.seal(code))
                .addString(PersonalData.maskName(a.name())).addString(personalData.hash(a.idNumber())).addString(PersonalData.maskId(a.idNumber()))
                .addString(PersonalData.maskPhone(a.phone())).addString(personalData.seal(jsonOf(a))).addString(caller.actor())
                .addOffsetDateTime(now).addString(key).addString(requestHash);
        return pool.preparedQuery(AppointmentStore.BOOK).execute(params).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.businessRule("slot-full", "the slot at " + slot.start().atZone(zone).toOffsetDateTime()
                        + " is fully booked; choose another");
            }
            publisher.wake();
            return new Booked(view(rows.iterator().next(), zone, code, null), true);
        });
    }

    /** A unique violation: the key was taken meanwhile (its booking is the answer), or the one-active-booking rule. */
    private Uni<Booked> refused(PgException pg, String hall, String key, String requestHash) {
        String constraint = String.valueOf(pg.getConstraint());
        if ("23505".equals(pg.getSqlState()) && constraint.contains("one_active")) {
            return Uni.createFrom().failure(ProblemException.businessRule("already-booked",
                    "this ID number already has an appointment for this item on that day"));
        }
        if ("23505".equals(pg.getSqlState()) && constraint.contains("idempotency")) {
            return replay(hall, key, requestHash);
        }
        return Uni.createFrom().failure(pg);
    }

    /** The booking made earlier under the key (null: none), if it was made by the same request. */
    private Uni<Booked> replay(String hall, String key, String requestHash) {
        return pool.preparedQuery(AppointmentStore.BY_KEY).execute(Tuple.of(hall, key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            if (!requestHash.equals(r.getString("request_hash"))) {
                throw ProblemException.businessRule("idempotency-key-reused", "this Idempotency-Key was used for a different booking; use a new key");
            }
            return new Booked(view(r, ZoneId.of(r.getString("timezone")), personalData.open(r.getString("code_sealed")), null), false);
        });
    }

    /** The booking, to the holder of its code (with the code) or to the staff of its hall (with missed appointments); else 404. */
    public Uni<AppointmentView> get(Caller caller, UUID id, String code) {
        return verified(caller, id, code).chain(r -> {
            if (code != null) {
                return Uni.createFrom().item(view(r, ZoneId.of(r.getString("timezone")), BookingCodes.normalise(code), null));
            }
            return pool.preparedQuery(AppointmentStore.MISSED_SINCE)
                    .execute(Tuple.of(r.getString("applicant_id_hash"), clocks.now().minus(config.missedWindow())))
                    .map(rows -> view(r, ZoneId.of(r.getString("timezone")), null, rows.iterator().next().getLong(0).intValue()));
        });
    }

    /**
     * Cancels a booked appointment (again: nothing changes); 409 once checked in or missed, and once its
     * check-in window has closed (a booking let lapse counts as missed: cancelling it late is no way out).
     */
    public Uni<Void> cancel(Caller caller, UUID id, String code) {
        OffsetDateTime now = clocks.now();
        OffsetDateTime lateFrom = now.minus(config.checkInAfter());
        return verified(caller, id, code).chain(r -> pool.preparedQuery(AppointmentStore.CANCEL).execute(Tuple.of(id, now, lateFrom))
                .chain(rows -> rows.iterator().next().getLong(0) == 1 ? Uni.createFrom().item(r)
                        : pool.preparedQuery(AppointmentStore.BY_ID).execute(Tuple.of(id)).map(again -> again.iterator().next()))
                .map(current -> {
                    String status = current.getString("status");
                    if (!"BOOKED".equals(status) && !"CANCELLED".equals(status)) {
                        throw ProblemException.conflict("the appointment is " + status + "; only a booked one can be cancelled");
                    }
                    if ("BOOKED".equals(status) && current != r) {
                        throw ProblemException.conflict("the appointment's check-in window closed at "
                                + current.getOffsetDateTime("slot_start").plus(config.checkInAfter())
                                .atZoneSameInstant(ZoneId.of(current.getString("timezone"))).toOffsetDateTime() + "; it can no longer be cancelled");
                    }
                    publisher.wake();
                    return null;
                }));
    }

    /** The hall's bookings of a hall-local date, for its staff, with each applicant's missed appointments. */
    public Uni<List<AppointmentView>> day(Caller caller, String hall, String dateText) {
        if (!caller.allows(hall) || !caller.isDeskStaff()) {
            throw ProblemException.forbidden("the day's appointments are shown to the staff of hall '" + hall + "'");
        }
        LocalDate date = BookingRules.date(dateText);
        return pool.preparedQuery(AppointmentStore.DAY).execute(Tuple.of(hall, date, clocks.now().minus(config.missedWindow())))
                .map(rows -> {
                    List<AppointmentView> day = new java.util.ArrayList<>();
                    rows.forEach(r -> day.add(view(r, ZoneId.of(r.getString("timezone")), null, r.getLong("missed").intValue())));
                    return day;
                });
    }

    /** The booking's row if the code is its code, or the caller is staff of its hall; one 404 for unknown and wrong alike. */
    private Uni<Row> verified(Caller caller, UUID id, String code) {
        String typed = BookingCodes.normalise(code);
        if (code != null && typed == null || code == null && !caller.isDeskStaff()) {
            return Uni.createFrom().failure(code == null ? "anonymous".equals(caller.actor())
                    ? ProblemException.unauthorized("give the booking code (?code=) or a staff token")
                    : ProblemException.forbidden("a device acts on a booking with its code (?code=); only the hall's staff without it")
                    : ProblemException.notFound("appointment", id.toString()));
        }
        return pool.preparedQuery(AppointmentStore.BY_ID).execute(Tuple.of(id)).map(rows -> {
            Row r = rows.size() == 0 ? null : rows.iterator().next();
            boolean mayAct = r != null && (typed != null ? MessageDigest.isEqual(personalData.hash(typed).getBytes(StandardCharsets.UTF_8),
                    r.getString("code_hash").getBytes(StandardCharsets.UTF_8)) : caller.allows(r.getString("hall_code")));
            if (!mayAct) {
                throw ProblemException.notFound("appointment", id.toString());
            }
            return r;
        });
    }

    static AppointmentView view(Row r, ZoneId zone, String code, Integer missed) {
        TicketView.ApplicantView applicant = new TicketView.ApplicantView(r.getString("applicant_name_masked"),
                r.getString("applicant_id_masked"), r.getString("applicant_phone_masked"));
        return new AppointmentView(r.getUUID("id"), code, r.getString("hall_code"), r.getString("item_code"),
                r.getOffsetDateTime("slot_start").atZoneSameInstant(zone).toOffsetDateTime(),
                r.getOffsetDateTime("slot_end").atZoneSameInstant(zone).toOffsetDateTime(), r.getString("status"),
                r.getUUID("ticket_id"), applicant, missed);
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requestHash(String hall, BookingRequest request) {
        return personalData.fingerprint(hall + "|" + jsonOf(request));
    }
}
