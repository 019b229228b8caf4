package io.siban.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** Working calendars in PostgreSQL, one JSON document per calendar with a version that counts changes. */
@ApplicationScoped
public class CalendarStore {
    @Inject
    Pool pool;
    @Inject
    AgroalDataSource jdbc;
    @Inject
    ObjectMapper json;
    @Inject
    Event<CalendarChanged> changes;

    /** A stored calendar. */
    public record StoredCalendar(String id, long version, CalendarDocument document, OffsetDateTime updatedAt, boolean created) {
    }

    /** Fired after a calendar's change is committed, so open cases on it can be re-timed. */
    public record CalendarChanged(String id, long version) {
    }

    public Uni<StoredCalendar> find(String id) {
        return find(pool, id);
    }

    public Uni<StoredCalendar> find(io.vertx.mutiny.sqlclient.SqlClient client, String id) {
        return client.preparedQuery("select id, version, definition, updated_at from calendar where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next(), false));
    }

    public Uni<StoredCalendar> require(String id) {
        return require(pool, id);
    }

    public Uni<StoredCalendar> require(io.vertx.mutiny.sqlclient.SqlClient client, String id) {
        return find(client, id).onItem().ifNull().failWith(() -> ProblemException.notFound("calendar", id));
    }

    public Uni<List<StoredCalendar>> list() {
        return pool.query("select id, version, definition, updated_at from calendar order by id").execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> read(row, false)).toList());
    }

    /** Creates or replaces a calendar. */
    public Uni<StoredCalendar> put(String id, CalendarDocument document) {
        CalendarDocument doc = document.normalised();
        return pool.preparedQuery("""
                        insert into calendar (id, name, timezone, definition, version, updated_at)
                        values ($1, $2, $3, $4, 0, now())
                        on conflict (id) do update set name = excluded.name, timezone = excluded.timezone,
                            definition = excluded.definition, version = calendar.version + 1, updated_at = now()
                        returning id, version, definition, updated_at, (xmax = 0) as created""")
                .execute(Tuple.of(id, doc.name() == null ? id : doc.name(), doc.timezone(), toJson(doc)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return read(row, row.getBoolean("created"));
                })
                .invoke(stored -> changes.fireAsync(new CalendarChanged(stored.id(), stored.version())));
    }

    /**
     * Creates the calendar only if it does not exist yet; true if it was created. Blocking, on the JDBC
     * datasource Flyway also uses: for the start of the service, on its main thread, before any request.
     */
    public boolean insertIfAbsentAtStartup(String id, CalendarDocument document) {
        CalendarDocument doc = document.normalised();
        try (Connection connection = jdbc.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into calendar (id, name, timezone, definition) values (?, ?, ?, ?::jsonb)
                     on conflict (id) do nothing""")) {
            insert.setString(1, id);
            insert.setString(2, doc.name() == null ? id : doc.name());
            insert.setString(3, doc.timezone());
            insert.setString(4, toJson(doc).encode());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("calendar '" + id + "' could not be created", e);
        }
    }

    /** Replaces one year's holidays, make-up days and own date hours, keeping every other year's and the official years. */
    public Uni<StoredCalendar> putYear(String id, int year, Set<LocalDate> holidays, Set<LocalDate> workdays,
                                       Map<LocalDate, List<List<String>>> dateHours) {
        return putYear(id, year, holidays, workdays, dateHours, null);
    }

    /**
     * As {@link #putYear(String, int, Set, Set, Map)}; {@code official} true makes the year OFFICIAL,
     * false makes it not official, null leaves the official years as they are.
     */
    public Uni<StoredCalendar> putYear(String id, int year, Set<LocalDate> holidays, Set<LocalDate> workdays,
                                       Map<LocalDate, List<List<String>>> dateHours, Boolean official) {
        return require(id).chain(stored -> {
            CalendarDocument old = stored.document();
            Set<LocalDate> newHolidays = replaceYear(old.holidays(), holidays, year);
            Set<LocalDate> newWorkdays = replaceYear(old.workdays(), workdays, year);
            Map<LocalDate, List<List<String>>> newDateHours = new TreeMap<>();
            if (old.dateHours() != null) {
                old.dateHours().forEach((date, hours) -> {
                    if (date.getYear() != year) {
                        newDateHours.put(date, hours);
                    }
                });
            }
            newDateHours.putAll(dateHours);
            CalendarDocument updated = new CalendarDocument(old.name(), old.timezone(), old.weeklyHours(),
                    newHolidays, newWorkdays, newDateHours, CalendarYears.officialYearsWith(old, year, official));
            var violations = updated.violations();
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return compareAndPut(id, stored.version(), updated);
        });
    }

    /**
     * Replaces the calendar with {@code document} if it is still at {@code expectedVersion} (409
     * otherwise), through the same path and change event as every update; a document equal to the
     * stored one is not written, so nothing is re-timed for it.
     */
    public Uni<StoredCalendar> replace(String id, long expectedVersion, CalendarDocument document) {
        var violations = document.violations();
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(violations));
        }
        return require(id).chain(stored -> stored.version() == expectedVersion
                && stored.document().normalised().equals(document.normalised())
                ? Uni.createFrom().item(stored)
                : compareAndPut(id, expectedVersion, document));
    }

    private Uni<StoredCalendar> compareAndPut(String id, long expectedVersion, CalendarDocument document) {
        CalendarDocument doc = document.normalised();
        return pool.preparedQuery("""
                        update calendar set definition = $3, version = version + 1, updated_at = now()
                        where id = $1 and version = $2
                        returning id, version, definition, updated_at""")
                .execute(Tuple.of(id, expectedVersion, toJson(doc)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("calendar '" + id + "' changed concurrently; retry");
                    }
                    return read(rows.iterator().next(), false);
                })
                .invoke(stored -> changes.fireAsync(new CalendarChanged(stored.id(), stored.version())));
    }

    private static Set<LocalDate> replaceYear(Set<LocalDate> existing, Set<LocalDate> replacement, int year) {
        Set<LocalDate> result = new TreeSet<>();
        if (existing != null) {
            existing.stream().filter(d -> d.getYear() != year).forEach(result::add);
        }
        result.addAll(replacement);
        return result;
    }

    private JsonObject toJson(CalendarDocument doc) {
        try {
            return new JsonObject(json.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredCalendar read(Row row, boolean created) {
        try {
            Object definition = row.getValue("definition");
            String text = definition instanceof JsonObject object ? object.encode() : String.valueOf(definition);
            return new StoredCalendar(row.getString("id"), row.getLong("version"),
                    json.readValue(text, CalendarDocument.class), row.getOffsetDateTime("updated_at"), created);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar " + row.getString("id") + " is unreadable", e);
        }
    }
}
