package io.siban.hall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.hall.dto.HallRequest;
import io.siban.hall.dto.HallView;
import io.siban.hall.dto.QueueRequest;
import io.siban.hall.dto.ServiceHours;
import io.siban.hall.dto.WindowPatch;
import io.siban.hall.dto.WindowRequest;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.siban.sla.calendar.CalendarSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class HallService {
    @Inject
    Clocks clocks;
    @Inject
    CalendarSettings calendars;
    @Inject
    HallHours openingHours;
    @Inject
    ObjectMapper json;

    /** Creates a hall (and its service hours, checked before anything is stored); the hours are in memory once it commits. */
    public Uni<HallView> create(HallRequest request) {
        String hours = request.serviceHours() == null ? null : hoursText(request.serviceHours());
        String calendarId = request.calendarId() == null || request.calendarId().isBlank()
                ? calendars.defaultId() : request.calendarId();
        return Panache.withTransaction(() -> Hall.<Hall>findById(request.code())
                        .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("hall", request.code()))
                        .chain(() -> Panache.getSession())
                        .chain(session -> session.createNativeQuery("select count(*) from calendar where id = :id", Long.class)
                                .setParameter("id", calendarId).getSingleResult())
                        .chain(count -> {
                            if (count == 0) {
                                throw ProblemException.businessRule("unknown-calendar", "calendar '" + calendarId + "' does not exist");
                            }
                            Hall hall = new Hall();
                            hall.code = request.code();
                            hall.name = request.name().trim();
                            hall.calendarId = calendarId;
                            hall.createdAt = clocks.now();
                            return hall.<Hall>persistAndFlush();
                        })
                        .call(hall -> hours == null ? Uni.createFrom().voidItem() : storeHours(hall.code, hours)))
                .call(hall -> openingHours.changed(hall.code))
                .map(hall -> new HallView(hall.code, hall.name, hall.calendarId, List.of(), List.of(), request.serviceHours(), null, null))
                .map(this::withState);
    }

    /**
     * Sets the hall's service hours (null: it takes tickets whenever asked again), checked before anything
     * is stored; every instance uses them once the change commits.
     */
    public Uni<HallView> setServiceHours(String code, ServiceHours serviceHours) {
        String hours = serviceHours == null ? null : hoursText(serviceHours);
        return Panache.withTransaction(() -> existing(code).call(hall -> storeHours(code, hours)))
                .call(hall -> openingHours.changed(code))
                .chain(hall -> Panache.withSession(() -> existing(code).chain(this::view)));
    }

    private static Uni<Integer> storeHours(String code, String hours) {
        return Panache.getSession().chain(session -> (hours == null
                ? session.createNativeQuery(HallHoursStore.CLEAR)
                : session.createNativeQuery(HallHoursStore.SET).setParameter("hours", hours))
                .setParameter("hall", code).executeUpdate());
    }

    /** The hours as stored: the admin's document, once it parses. */
    private String hoursText(ServiceHours serviceHours) {
        OpeningHours.parse(serviceHours);
        try {
            return json.writeValueAsString(serviceHours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HallView withState(HallView view) {
        if (view.serviceHours() == null) {
            return view;
        }
        HallHours.State state = openingHours.state(view.code(), clocks.now().toInstant());
        return new HallView(view.code(), view.name(), view.calendarId(), view.queues(), view.windows(), view.serviceHours(),
                state.open(), state.nextOpening());
    }

    @WithSession
    public Uni<HallView> get(String code) {
        return existing(code).chain(this::view);
    }

    @WithSession
    public Uni<List<HallView>> list() {
        return Hall.<Hall>listAll(Sort.by("code"))
                .map(halls -> halls.stream().map(h -> HallView.listed(h.code, h.name, h.calendarId)).toList());
    }

    @WithTransaction
    public Uni<HallView.QueueView> addQueue(String hallCode, QueueRequest request) {
        return existing(hallCode)
                .chain(hall -> HallQueue.count("key.hallCode = ?1 and (key.code = ?2 or prefix = ?3)",
                        hallCode, request.code(), request.prefix()))
                .chain(clashes -> {
                    if (clashes > 0) {
                        throw ProblemException.conflict("hall '" + hallCode + "' already has queue code '" + request.code()
                                + "' or prefix '" + request.prefix() + "'");
                    }
                    HallQueue queue = new HallQueue();
                    queue.key = new HallQueue.Key(hallCode, request.code());
                    queue.prefix = request.prefix();
                    queue.name = request.name().trim();
                    return queue.<HallQueue>persist();
                })
                .map(HallService::view);
    }

    @WithTransaction
    public Uni<HallView.WindowView> addWindow(String hallCode, WindowRequest request) {
        List<String> queues = distinct(request.queues());
        return existing(hallCode)
                .chain(hall -> HallWindow.findById(new HallWindow.Key(hallCode, request.number())))
                .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("window", hallCode + "/" + request.number()))
                .chain(() -> requireQueues(hallCode, queues))
                .chain(() -> {
                    HallWindow window = new HallWindow();
                    window.key = new HallWindow.Key(hallCode, request.number());
                    window.name = request.name().trim();
                    window.status = request.status() == null ? WindowStatus.CLOSED : request.status();
                    window.queues = queues.toArray(String[]::new);
                    window.updatedAt = clocks.now();
                    return window.<HallWindow>persist();
                })
                .map(HallService::view);
    }

    /** Opens, pauses or closes a window for a caller allowed at it; only an admin changes the queues it serves. */
    @WithTransaction
    public Uni<HallView.WindowView> patchWindow(String hallCode, int number, WindowPatch patch, Caller caller) {
        if (patch.queues() != null && !caller.has(Roles.ADMIN)) {
            return Uni.createFrom().failure(ProblemException.forbidden("only an admin may change the queues a window serves"));
        }
        return existing(hallCode)
                .chain(hall -> HallWindow.<HallWindow>findById(new HallWindow.Key(hallCode, number)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("window", hallCode + "/" + number))
                .call(window -> patch.queues() == null ? Uni.createFrom().voidItem() : requireQueues(hallCode, distinct(patch.queues())))
                .invoke(window -> {
                    if (patch.status() != null) {
                        window.status = patch.status();
                    }
                    if (patch.queues() != null) {
                        window.queues = distinct(patch.queues()).toArray(String[]::new);
                    }
                    window.updatedAt = clocks.now();
                })
                .call(window -> announce(hallCode, window))
                .map(HallService::view);
    }

    /** Appends a window.status event in the same transaction as the change. */
    private static Uni<Integer> announce(String hallCode, HallWindow window) {
        String payload = new io.vertx.core.json.JsonObject().put("window", window.key.number()).put("name", window.name)
                .put("status", window.status.name()).put("queues", new io.vertx.core.json.JsonArray(List.of(window.queues)))
                .put("at", window.updatedAt.toString()).encode();
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        Outbox.sql(Outbox.APPEND + " values (:hall, 'window.status', (:payload)::text::jsonb)"))
                .setParameter("hall", hallCode).setParameter("payload", payload).executeUpdate());
    }

    private Uni<Hall> existing(String code) {
        return Hall.<Hall>findById(code).onItem().ifNull().failWith(() -> ProblemException.notFound("hall", code));
    }

    private Uni<HallView> view(Hall hall) {
        return HallQueue.<HallQueue>find("key.hallCode", Sort.by("key.code"), hall.code).list()
                .chain(queues -> HallWindow.<HallWindow>find("key.hallCode", Sort.by("key.number"), hall.code).list()
                        .chain(windows -> storedHours(hall.code).map(hours -> new HallView(hall.code, hall.name, hall.calendarId,
                                queues.stream().map(HallService::view).toList(),
                                windows.stream().map(HallService::view).toList(), hours, null, null))))
                .map(this::withState);
    }

    private Uni<ServiceHours> storedHours(String code) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(HallHoursStore.OF_HALL, String.class).setParameter("hall", code).getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? null : HallHours.stored(json, rows.get(0)));
    }

    private static Uni<Void> requireQueues(String hallCode, List<String> queues) {
        if (queues.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return HallQueue.<HallQueue>find("key.hallCode = ?1 and key.code in ?2", hallCode, queues).list()
                .invoke(found -> {
                    Set<String> missing = new LinkedHashSet<>(queues);
                    found.forEach(q -> missing.remove(q.key.code()));
                    if (!missing.isEmpty()) {
                        throw ProblemException.businessRule("unknown-queue",
                                "hall '" + hallCode + "' has no queue " + String.join(", ", missing));
                    }
                })
                .replaceWithVoid();
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).distinct().toList();
    }

    static HallView.QueueView view(HallQueue q) {
        return new HallView.QueueView(q.key.code(), q.prefix, q.name);
    }

    static HallView.WindowView view(HallWindow w) {
        return new HallView.WindowView(w.key.number(), w.name, w.status, List.of(w.queues));
    }
}
