package io.siban.hall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.siban.common.BusSubscription;
import io.siban.common.problem.ProblemException;
import io.siban.hall.dto.ServiceHours;
import io.siban.sla.calendar.CalendarStore;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every hall's service hours, held in memory so that the issue path checks them without a statement.
 * The copy follows PostgreSQL: a committed change reloads its hall here and is broadcast on Redis to
 * the other instances, which reload it too; a calendar change reloads every hall (zone, holidays); and
 * every {@link HallConfig#hoursReloadEvery()}, and after each (re)subscription, everything is read
 * again, for broadcasts lost while Redis was away. Each hall's copy carries the version of its hours,
 * so a slow read never replaces a newer copy. A hall not loaded yet takes tickets, as one without hours.
 */
@ApplicationScoped
public class HallHours {
    private static final Logger LOG = Logger.getLogger(HallHours.class);
    static final String CHANNEL = "siban:hall-hours";
    /** The broadcast that asks every instance to read all halls again (a calendar changed). */
    static final String EVERY_HALL = "*";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** A hall's hours (null: none, it takes tickets whenever asked) in its calendar's zone and working days. */
    private record Entry(long version, OpeningHours hours, WorkingCalendar calendar) {
    }

    /** Whether a hall takes tickets now, and if not, when it does next (an instant with the hall's offset; null: not within a year). */
    public record State(boolean open, String nextOpening) {
    }

    private final Map<String, Entry> halls = new ConcurrentHashMap<>();
    private final ReactiveRedisDataSource redis;
    private volatile BusSubscription bus;
    private volatile long lastFullRead = System.nanoTime();

    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;
    @Inject
    WorkingCalendars calendars;
    @Inject
    HallConfig config;

    @Inject
    public HallHours(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void start(@Observes StartupEvent event) {
        bus = new BusSubscription(redis, CHANNEL, CHANNEL, this::heard, this::readAllInBackground);
        bus.start();
        readAllInBackground();
    }

    void stop(@Observes ShutdownEvent event) {
        if (bus != null) {
            bus.stop();
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watchdog() {
        if (System.nanoTime() - lastFullRead > config.hoursReloadEvery().toNanos()) {
            readAllInBackground();
        }
        return bus == null ? Uni.createFrom().voidItem() : bus.check();
    }

    void calendarChanged(@ObservesAsync CalendarStore.CalendarChanged change) {
        readAll().chain(() -> broadcast(EVERY_HALL)).subscribe().with(done -> { },
                failure -> LOG.warnf("service hours after calendar %s changed: not read again (%s)", change.id(), failure.toString()));
    }

    /** After a committed change of the hall's hours: read them here, then tell the other instances. */
    public Uni<Void> changed(String hall) {
        return readOne(hall).chain(() -> broadcast(hall));
    }

    /**
     * Why the hall takes no ticket at {@code at}: a 422 {@code hall-closed} with its next opening; null
     * when it takes one (or has no hours). From memory only.
     */
    public ProblemException closed(String hall, Instant at) {
        Entry entry = halls.get(hall);
        if (entry == null || entry.hours() == null || entry.hours().isOpen(at, entry.calendar().zone(), days(entry.calendar()))) {
            return null;
        }
        OffsetDateTime next = nextOpening(entry, at);
        ProblemException closed = ProblemException.businessRule("hall-closed", "hall '" + hall + "' takes no tickets now; "
                + (next == null ? "it has no opening within a year" : "it opens next at " + next.toLocalDateTime().toString().replace('T', ' ')));
        return next == null ? closed : closed.with("nextOpening", INSTANT.format(next));
    }

    /** The hall's state at {@code at}, from memory. */
    public State state(String hall, Instant at) {
        Entry entry = halls.get(hall);
        if (entry == null || entry.hours() == null) {
            return new State(true, null);
        }
        boolean open = entry.hours().isOpen(at, entry.calendar().zone(), days(entry.calendar()));
        OffsetDateTime next = open ? null : nextOpening(entry, at);
        return new State(open, next == null ? null : INSTANT.format(next));
    }

    /**
     * What the hall's calendar makes of each date: its make-up days, its working days (weekends with hours
     * included), and as days off its holidays and the law's days off that fall on a weekend (a Saturday
     * hall is closed on 国庆's Saturday, whatever the notice left out as changing nothing).
     */
    static java.util.function.Function<java.time.LocalDate, OpeningHours.Day> days(io.siban.sla.calendar.WorkingCalendar calendar) {
        return date -> {
            if (calendar.definition().makeUpWorkdays().contains(date)) {
                return OpeningHours.Day.MAKE_UP;
            }
            if (calendar.isWorkingDay(date)) {
                return OpeningHours.Day.WORKING;
            }
            boolean weekend = date.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || date.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
            boolean off = !weekend || calendar.definition().holidays().contains(date)
                    || date.getYear() >= io.siban.sla.calendar.StatutoryHolidays.LAW_SINCE && io.siban.sla.calendar.StatutoryHolidays.isDayOff(date);
            return off ? OpeningHours.Day.OFF : OpeningHours.Day.WEEKEND;
        };
    }

    private static OffsetDateTime nextOpening(Entry entry, Instant at) {
        ZoneId zone = entry.calendar().zone();
        Instant next = entry.hours().nextOpening(at, zone, days(entry.calendar()));
        return next == null ? null : next.atZone(zone).toOffsetDateTime();
    }

    private void heard(String message) {
        Uni<Void> read = EVERY_HALL.equals(message) ? readAll() : readOne(message);
        read.subscribe().with(done -> { }, failure -> LOG.warnf("service hours of %s not read again: %s", message, failure.toString()));
    }

    private void readAllInBackground() {
        lastFullRead = System.nanoTime();
        readAll().subscribe().with(done -> { }, failure -> LOG.debugf("service hours not read (will retry): %s", failure.toString()));
    }

    Uni<Void> readAll() {
        lastFullRead = System.nanoTime();
        return pool.query(HallHoursStore.ALL).execute().chain(this::keep);
    }

    private Uni<Void> readOne(String hall) {
        return pool.preparedQuery(HallHoursStore.ONE).execute(Tuple.of(hall)).chain(this::keep);
    }

    /** Keeps each row's hours unless a newer copy is held already; each calendar is read once, halls without hours need none. */
    private Uni<Void> keep(RowSet<Row> rows) {
        Map<String, WorkingCalendar> found = new ConcurrentHashMap<>();
        Set<String> wanted = new HashSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Row row : rows) {
            String calendar = row.getString("calendar_id");
            if (row.getString("hours") != null && wanted.add(calendar)) {
                chain = chain.chain(() -> calendars.get(calendar).invoke(read -> found.put(calendar, read)).replaceWithVoid());
            }
        }
        return chain.invoke(() -> {
            for (Row row : rows) {
                String stored = row.getString("hours");
                Entry entry = new Entry(row.getLong("service_hours_version"),
                        stored == null ? null : OpeningHours.parse(stored(json, stored)),
                        stored == null ? null : found.get(row.getString("calendar_id")));
                halls.merge(row.getString("code"), entry, HallHours::newer);
            }
        });
    }

    private static Entry newer(Entry held, Entry read) {
        return read.version() >= held.version() ? read : held;
    }

    /** Service hours as stored (V18's JSON text). */
    static ServiceHours stored(ObjectMapper json, String stored) {
        try {
            return json.readValue(stored, ServiceHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored service hours are unreadable", e);
        }
    }

    private Uni<Void> broadcast(String message) {
        return redis.pubsub(String.class).publish(CHANNEL, message)
                .onFailure().invoke(failure -> LOG.warnf("service hours change of %s not broadcast (%s); other instances read it within %s",
                        message, failure.toString(), config.hoursReloadEvery()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
