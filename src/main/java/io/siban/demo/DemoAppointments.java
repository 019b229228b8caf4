package io.siban.demo;

import io.siban.appointment.Bookings;
import io.siban.appointment.SlotTemplates;
import io.siban.appointment.dto.BookingRequest;
import io.siban.appointment.dto.SlotTemplateRequest;
import io.siban.appointment.dto.SlotView;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.queue.Channel;
import io.siban.queue.TicketIssuer;
import io.siban.queue.dto.IssueRequest;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The demo's appointments, through the real services: slot templates for a few items of the city hall and
 * some bookings for today and the next days, made as its mobile backend would (keys fixed per date and
 * slot, so a restart books nothing twice); the flow checks most of them in at their slot, and leaves every
 * fifth to be missed.
 */
@ApplicationScoped
public class DemoAppointments {
    static final int ITEMS = 3;
    static final int DAYS = 8;
    static final Caller BACKEND = new Caller("demo-mobile-backend", Set.of(Roles.MOBILE), List.of(DemoSeed.CITY), null);
    static final Caller ADMIN = new Caller("demo", Set.of(Roles.ADMIN), List.of(Roles.ALL_HALLS), null);
    private static final String ITEMS_OF_CITY = """
            select i.code from service_item i join hall_queue q on q.hall_code = $1 and q.code = i.queue_code
            order by i.code limit $2""";

    @Inject
    SlotTemplates templates;
    @Inject
    Bookings bookings;
    @Inject
    TicketIssuer issuer;
    @Inject
    Clocks clocks;
    @Inject
    Pool pool;

    /** A booking the flow will check in at its slot. */
    record Due(String code, OffsetDateTime slotStart) {
    }

    private final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();

    Uni<Void> seed() {
        long started = System.nanoTime();
        return templatesAndBookings().invoke(() -> org.jboss.logging.Logger.getLogger(DemoAppointments.class).infof(
                "demo appointments: %d to check in, in %d ms", due.size(), (System.nanoTime() - started) / 1_000_000));
    }

    private Uni<Void> templatesAndBookings() {
        Map<String, List<List<String>>> weekly = new java.util.LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekly.put(day, List.of(List.of("09:00", "12:00"), List.of("13:30", "17:00")));
        }
        return pool.preparedQuery(ITEMS_OF_CITY).execute(io.vertx.mutiny.sqlclient.Tuple.of(DemoSeed.CITY, ITEMS)).chain(rows -> {
            List<String> items = new ArrayList<>();
            rows.forEach(r -> items.add(r.getString("code")));
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String item : items) {
                chain = chain.chain(() -> templates.put(ADMIN, DemoSeed.CITY, item, new SlotTemplateRequest(30, 3, weekly)).replaceWithVoid());
                LocalDate today = clocks.now().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate();
                for (int d = 0; d < DAYS; d++) {
                    LocalDate date = today.plusDays(d);
                    chain = chain.chain(() -> templates.slots(DemoSeed.CITY, date.toString(), item))
                            .chain(slots -> book(item, date, slots));
                }
            }
            return chain;
        });
    }

    /** One booking on every third slot of the day. */
    private Uni<Void> book(String item, LocalDate date, List<SlotView> slots) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int s = 0; s < slots.size(); s += 3) {
            SlotView slot = slots.get(s);
            int n = s;
            String body = "6201021980" + date.toString().substring(5).replace("-", "") + String.format("%01d%02d", Math.abs(item.hashCode()) % 10, n % 100);
            String id = body + PersonalData.idCheckCharacter(body);
            BookingRequest request = new BookingRequest(item, slot.start().toString(), new IssueRequest.Applicant("预约市民", id, null));
            chain = chain.chain(() -> bookings.book(BACKEND, DemoSeed.CITY, request, "demo-" + item + "-" + slot.start())
                    .invoke(booked -> {
                        if (n % 15 != 12 && "BOOKED".equals(booked.appointment().status())) {
                            due.add(new Due(booked.appointment().code(), booked.appointment().slotStart()));
                        }
                    })
                    .replaceWithVoid().onFailure().recoverWithNull());
        }
        return chain;
    }

    /** Checks in the bookings whose slot starts within five minutes, as the citizens arrive. */
    Uni<Void> checkInDue() {
        OffsetDateTime now = clocks.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Due d : due) {
            if (d.slotStart().isBefore(now.minus(Duration.ofMinutes(15)))) {
                due.remove(d);
            } else if (!d.slotStart().isAfter(now.plus(Duration.ofMinutes(5)))) {
                due.remove(d);
                chain = chain.chain(() -> issuer.issue(DemoSeed.CITY, new IssueRequest(null, null, Channel.APPOINTMENT, null, null, null,
                        d.code()), "demo-check-in-" + d.code()).replaceWithVoid().onFailure().recoverWithNull());
            }
        }
        return chain;
    }
}
