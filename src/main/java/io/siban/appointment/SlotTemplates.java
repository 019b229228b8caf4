package io.siban.appointment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.appointment.dto.SlotTemplateRequest;
import io.siban.appointment.dto.SlotTemplateView;
import io.siban.appointment.dto.SlotView;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.hall.OpeningHours;
import io.siban.hall.dto.ServiceHours;
import io.siban.security.Caller;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slot templates (one per hall and item) and the slots they give on a date: the template's hours, or
 * the hall's service hours, on the working days of the hall's calendar ({@link SlotPlan}).
 */
@ApplicationScoped
public class SlotTemplates {
    private static final TypeReference<Map<String, List<List<String>>>> WEEKLY = new TypeReference<>() {
    };

    @Inject
    Pool pool;
    @Inject
    WorkingCalendars calendars;
    @Inject
    ObjectMapper json;
    @Inject
    Clocks clocks;
    @Inject
    AppointmentConfig config;

    /**
     * What slots of an item in a hall are cut from: the item's queue, the hall's calendar, the hours that
     * apply (null: neither the template nor the hall has any), and the template (slotMinutes null: none).
     */
    record Plan(String hall, String itemCode, String queue, WorkingCalendar calendar, OpeningHours hallHours,
                OpeningHours templateHours, Integer slotMinutes, Integer capacity, Map<String, List<List<String>>> weeklyHours,
                OffsetDateTime updatedAt) {
        ZoneId zone() {
            return calendar.zone();
        }

        List<SlotPlan.Slot> slotsOn(LocalDate date) {
            if (slotMinutes == null) {
                return List.of();
            }
            return templateHours != null ? SlotPlan.on(date, templateHours, hallHours, calendar, slotMinutes)
                    : SlotPlan.on(date, hallHours, calendar, slotMinutes);
        }
    }

    /** The plan of the item in the hall: 404 for an unknown hall, 422 {@code unknown-item} for an item not in the catalogue. */
    Uni<Plan> plan(String hall, String itemCode) {
        return pool.preparedQuery(AppointmentStore.PLAN).execute(Tuple.of(hall, itemCode)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(ProblemException.notFound("hall", hall));
            }
            Row r = rows.iterator().next();
            if (r.getString("item_code") == null) {
                return Uni.createFrom().failure(ProblemException.businessRule("unknown-item", "item '" + itemCode + "' is not in the catalogue"));
            }
            if (r.getString("hall_queue") == null) {
                return Uni.createFrom().failure(ProblemException.businessRule("unknown-queue", "item '" + itemCode + "' is served by "
                        + (r.getString("queue_code") == null ? "no queue" : "queue '" + r.getString("queue_code") + "'")
                        + ", which hall '" + hall + "' does not have: its bookings could never be checked in"));
            }
            return calendars.get(r.getString("calendar_id")).map(calendar -> {
                Map<String, List<List<String>>> weekly = r.getString("template_hours") == null ? null : read(r.getString("template_hours"));
                OpeningHours own = weekly == null ? null : OpeningHours.parse(new ServiceHours(weekly, null));
                OpeningHours served = r.getString("hall_hours") == null ? null : OpeningHours.parse(hallHours(r.getString("hall_hours")));
                return new Plan(hall, itemCode, r.getString("queue_code"), calendar, served, own, r.getInteger("slot_minutes"),
                        r.getInteger("capacity"), weekly, r.getOffsetDateTime("updated_at"));
            });
        });
    }

    public Uni<SlotTemplateView> put(Caller caller, String hall, String itemCode, SlotTemplateRequest request) {
        requireSupervisor(caller, hall);
        BookingRules.itemCode(itemCode);
        OpeningHours own = BookingRules.template(request);
        OffsetDateTime now = clocks.now();
        return plan(hall, itemCode).chain(plan -> {
            if (own == null && plan.hallHours() == null) {
                return Uni.createFrom().failure(ProblemException.invalid("weeklyHours",
                        "hall '" + hall + "' has no service hours: give the template's weekly hours"));
            }
            String weekly = request.weeklyHours() == null ? null : write(request.weeklyHours());
            boolean lengthChanges = plan.slotMinutes() != null && !plan.slotMinutes().equals(request.slotMinutes());
            Uni<Void> mayChange = !lengthChanges ? Uni.createFrom().voidItem()
                    : pool.preparedQuery(AppointmentStore.BOOKED_AHEAD).execute(Tuple.of(hall, itemCode, now)).invoke(rows -> {
                        if (rows.iterator().next().getLong(0) > 0) {
                            // the counters are kept per slot start: slots of another length would count the old ones' places twice
                            throw ProblemException.conflict("item '" + itemCode + "' has bookings still to come on " + plan.slotMinutes()
                                    + "-minute slots; cancel them, or keep the slot length, before changing it");
                        }
                    }).replaceWithVoid();
            return mayChange.chain(() -> pool.preparedQuery(AppointmentStore.PUT_TEMPLATE)
                    .execute(Tuple.tuple().addString(hall).addString(itemCode).addInteger(request.slotMinutes())
                            .addInteger(request.capacity()).addString(weekly).addOffsetDateTime(now))
                    .map(done -> new SlotTemplateView(hall, itemCode, request.slotMinutes(), request.capacity(),
                            request.weeklyHours(), now.atZoneSameInstant(plan.zone()).toOffsetDateTime())));
        });
    }

    public Uni<SlotTemplateView> get(String hall, String itemCode) {
        BookingRules.itemCode(itemCode);
        return plan(hall, itemCode).map(plan -> {
            if (plan.slotMinutes() == null) {
                throw ProblemException.notFound("slot template", hall + "/" + itemCode);
            }
            return new SlotTemplateView(hall, itemCode, plan.slotMinutes(), plan.capacity(), plan.weeklyHours(),
                    plan.updatedAt().atZoneSameInstant(plan.zone()).toOffsetDateTime());
        });
    }

    /** Removes the template; the slots already booked stay booked (their bookings keep their slot). */
    public Uni<Void> delete(Caller caller, String hall, String itemCode) {
        requireSupervisor(caller, hall);
        BookingRules.itemCode(itemCode);
        return pool.preparedQuery(AppointmentStore.DELETE_TEMPLATE).execute(Tuple.of(hall, itemCode)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw ProblemException.notFound("slot template", hall + "/" + itemCode);
            }
            return null;
        });
    }

    /**
     * The item's slots on a hall-local date with their places taken. A date before today or past the
     * horizon has none (an empty list, not an error: a calendar widget asks for whole months), nor has a
     * slot already begun, nor an item without a template.
     */
    public Uni<List<SlotView>> slots(String hall, String dateText, String itemCode) {
        LocalDate date = BookingRules.date(dateText);
        BookingRules.itemCode(itemCode);
        OffsetDateTime now = clocks.now();
        return plan(hall, itemCode).chain(plan -> {
            LocalDate today = now.atZoneSameInstant(plan.zone()).toLocalDate();
            List<SlotPlan.Slot> slots = bookable(plan, date, today) ? plan.slotsOn(date).stream()
                    .filter(s -> s.start().isAfter(now.toInstant())).toList() : List.<SlotPlan.Slot>of();
            if (slots.isEmpty()) {
                return Uni.createFrom().item(List.<SlotView>of());
            }
            return pool.preparedQuery(AppointmentStore.BOOKED)
                    .execute(Tuple.of(hall, itemCode, slots.get(0).start().atOffset(now.getOffset()),
                            slots.get(slots.size() - 1).end().atOffset(now.getOffset())))
                    .map(rows -> {
                        Map<java.time.Instant, Integer> booked = new HashMap<>();
                        rows.forEach(row -> booked.put(row.getOffsetDateTime("slot_start").toInstant(), row.getInteger("booked")));
                        return slots.stream().map(s -> new SlotView(s.start().atZone(plan.zone()).toOffsetDateTime(),
                                s.end().atZone(plan.zone()).toOffsetDateTime(), plan.capacity(),
                                Math.min(plan.capacity(), booked.getOrDefault(s.start(), 0)))).toList();
                    });
        });
    }

    /** Whether the date is inside the booking horizon: today up to {@link AppointmentConfig#horizonDays()} days ahead. */
    boolean bookable(Plan plan, LocalDate date, LocalDate today) {
        return plan.slotMinutes() != null && !date.isBefore(today) && !date.isAfter(today.plusDays(config.horizonDays()));
    }

    static void requireSupervisor(Caller caller, String hall) {
        if (!caller.supervises(hall)) {
            throw ProblemException.forbidden("slot templates are set by an admin or a supervisor of hall '" + hall + "'");
        }
    }

    private Map<String, List<List<String>>> read(String stored) {
        try {
            return json.readValue(stored, WEEKLY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored slot template is unreadable", e);
        }
    }

    private ServiceHours hallHours(String stored) {
        try {
            return json.readValue(stored, ServiceHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored service hours are unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
