package io.siban.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Working calendars in PostgreSQL, one JSON document per calendar with a version that counts changes
 * of its effective calendar: a change of a calendar also counts up the version of every calendar that
 * extends it ({@link CalendarLineage}), in the same transaction, so every instance builds them anew and
 * their open cases are re-timed. Calendar writes take one transaction lock, so two writes can never
 * make a cycle of parents between them.
 *
 * <p>Long because every statement on the calendar table stays in its store: the writes and the walks up
 * and down the chain of parents that each write checks in its transaction.
 */
@ApplicationScoped
public class CalendarStore {
    /** Serialises calendar writes, so that each checks the chains of parents as they are. */
    static final String LOCK = "select pg_advisory_xact_lock(hashtext('siban calendar lineage'))";

    /** A calendar and the calendars above it, nearest first ($2 bounds the walk should stored data hold a cycle). */
    static final String CHAIN = """
            with recursive up(id, definition, depth) as (
                select id, definition, 0 from calendar where id = $1
                union all
                select c.id, c.definition, up.depth + 1 from calendar c join up on c.id = up.definition->>'parent'
                where up.depth < $2)
            select c.id, c.version, c.definition, c.updated_at from up join calendar c on c.id = up.id order by up.depth""";

    /** Every calendar that extends $1, at any depth up to $2. */
    static final String DESCENDANTS = """
            with recursive down(id, depth) as (
                select id, 1 from calendar where definition->>'parent' = $1
                union all
                select c.id, down.depth + 1 from calendar c join down on c.definition->>'parent' = down.id
                where down.depth < $2)
            select id, version, definition, updated_at from calendar where id in (select id from down)""";

    /** The calendars that extend a changed one changed too; they share its zone (a parent's zone is its children's). */
    static final String COUNT_UP = """
            update calendar set version = version + 1, timezone = $2, updated_at = now() where id = any($1)
            returning id, version""";

    static final String UPSERT = """
            insert into calendar (id, name, timezone, definition, version, updated_at)
            values ($1, $2, $3, $4, 0, now())
            on conflict (id) do update set name = excluded.name, timezone = excluded.timezone,
                definition = excluded.definition, version = calendar.version + 1, updated_at = now()
            returning id, version, definition, updated_at, (xmax = 0) as created""";

    static final String COMPARE_AND_PUT = """
            update calendar set definition = $3, version = version + 1, updated_at = now()
            where id = $1 and version = $2
            returning id, version, definition, updated_at""";

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

    /** A stored calendar, its effective document (itself over its parents') and the notes on its own dates. */
    public record EffectiveCalendar(StoredCalendar stored, CalendarDocument effective, List<CalendarDocument.Note> notes) {
    }

    /** What a write changed: the calendar (unless {@code changed} is false), and the versions of those that extend it. */
    private record Written(StoredCalendar stored, List<CalendarChanged> children, boolean changed) {
    }

    /** What a write's check found: the ids of the calendars that extend it, and its effective zone (the stored column). */
    private record Lineage(List<String> children, String timezone) {
    }

    public Uni<StoredCalendar> find(String id) {
        return find(pool, id);
    }

    public Uni<StoredCalendar> find(SqlClient client, String id) {
        return client.preparedQuery("select id, version, definition, updated_at from calendar where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next(), false));
    }

    public Uni<StoredCalendar> require(String id) {
        return require(pool, id);
    }

    public Uni<StoredCalendar> require(SqlClient client, String id) {
        return find(client, id).onItem().ifNull().failWith(() -> ProblemException.notFound("calendar", id));
    }

    public Uni<List<StoredCalendar>> list() {
        return pool.query("select id, version, definition, updated_at from calendar order by id").execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> read(row, false)).toList());
    }

    /** Creates or replaces a calendar; refused (400 naming the field) when its chain of parents or a calendar extending it would break. */
    public Uni<StoredCalendar> put(String id, CalendarDocument document) {
        CalendarDocument doc = document.normalised();
        return written(pool.withTransaction(conn -> lock(conn)
                .chain(() -> checkLineage(conn, id, doc))
                .chain(lineage -> conn.preparedQuery(UPSERT)
                        .execute(Tuple.of(id, doc.name() == null ? id : doc.name(), lineage.timezone(), toJson(doc)))
                        .map(rows -> {
                            Row row = rows.iterator().next();
                            return read(row, row.getBoolean("created"));
                        })
                        .chain(stored -> countUp(conn, lineage).map(changed -> new Written(stored, changed, true))))));
    }

    /** The calendar over its parents, read in one statement. */
    public Uni<EffectiveCalendar> effective(SqlClient client, String id) {
        return client.preparedQuery(CHAIN).execute(Tuple.of(id, CalendarLineage.MAX_CHAIN + 1)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("calendar", id);
            }
            Map<String, CalendarDocument> documents = new HashMap<>();
            StoredCalendar self = null;
            for (Row row : rows) {
                StoredCalendar stored = read(row, false);
                self = self == null ? stored : self;
                documents.put(stored.id(), stored.document());
            }
            return new EffectiveCalendar(self, CalendarLineage.effective(id, documents), CalendarLineage.notes(id, documents));
        });
    }

    public Uni<EffectiveCalendar> effective(String id) {
        return effective(pool, id);
    }

    /** Every calendar with its effective document. */
    public Uni<List<EffectiveCalendar>> listEffective() {
        return list().map(all -> {
            Map<String, CalendarDocument> documents = new HashMap<>();
            all.forEach(stored -> documents.put(stored.id(), stored.document()));
            // a chain that is not sound (never stored by this service) shows the calendar's own document
            return all.stream().map(stored -> CalendarLineage.chain(stored.id(), documents).isEmpty()
                    ? new EffectiveCalendar(stored, stored.document(), stored.document().notes())
                    : new EffectiveCalendar(stored, CalendarLineage.effective(stored.id(), documents),
                    CalendarLineage.notes(stored.id(), documents))).toList();
        });
    }

    private static Uni<Void> lock(SqlClient conn) {
        return conn.query(LOCK).execute().replaceWithVoid();
    }

    /**
     * Checks the calendar's chain and every calendar that extends it with {@code document} in its place;
     * the ids of those that extend it and its effective zone.
     */
    private Uni<Lineage> checkLineage(SqlClient conn, String id, CalendarDocument document) {
        Uni<List<StoredCalendar>> above = document.parent() == null ? Uni.createFrom().item(List.of())
                : conn.preparedQuery(CHAIN).execute(Tuple.of(document.parent(), CalendarLineage.MAX_CHAIN + 1)).map(this::readAll);
        return above.chain(ancestors -> conn.preparedQuery(DESCENDANTS).execute(Tuple.of(id, CalendarLineage.MAX_CHAIN + 1))
                .map(this::readAll)
                .map(descendants -> {
                    Map<String, CalendarDocument> documents = new HashMap<>();
                    ancestors.forEach(stored -> documents.put(stored.id(), stored.document()));
                    descendants.forEach(stored -> documents.put(stored.id(), stored.document()));
                    documents.put(id, document);
                    var violations = CalendarLineage.violations(id, documents);
                    if (!violations.isEmpty()) {
                        throw ProblemException.invalid(violations);
                    }
                    return new Lineage(descendants.stream().map(StoredCalendar::id).filter(child -> !child.equals(id)).toList(),
                            CalendarLineage.effective(id, documents).timezone());
                }));
    }

    private Uni<List<CalendarChanged>> countUp(SqlClient conn, Lineage lineage) {
        if (lineage.children().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return conn.preparedQuery(COUNT_UP).execute(Tuple.of(lineage.children().toArray(String[]::new), lineage.timezone()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> new CalendarChanged(row.getString("id"), row.getLong("version"))).toList());
    }

    /** After the commit: the calendar and every one that extends it changed. */
    private Uni<StoredCalendar> written(Uni<Written> write) {
        return write.invoke(done -> {
            if (done.changed()) {
                changes.fireAsync(new CalendarChanged(done.stored().id(), done.stored().version()));
            }
            done.children().forEach(changes::fireAsync);
        }).map(Written::stored);
    }

    private List<StoredCalendar> readAll(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(row -> read(row, false)).toList();
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
        return written(pool.withTransaction(conn -> lock(conn).chain(() -> effective(conn, id)).chain(current -> {
            StoredCalendar stored = current.stored();
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
            // a calendar that inherits its official years names them once it makes one official or not
            CalendarDocument years = old.parent() != null && old.officialYears() == null && official != null ? current.effective() : old;
            CalendarDocument updated = new CalendarDocument(old.name(), old.timezone(), old.weeklyHours(),
                    newHolidays, newWorkdays, newDateHours, CalendarYears.officialYearsWith(years, year, official), old.parent());
            var violations = updated.violations();
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return checkedReplace(conn, id, stored.version(), updated);
        })));
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
        return written(pool.withTransaction(conn -> lock(conn).chain(() -> require(conn, id)).chain(stored ->
                stored.version() == expectedVersion && stored.document().normalised().equals(document.normalised())
                        ? Uni.createFrom().item(new Written(stored, List.of(), false))
                        : checkedReplace(conn, id, expectedVersion, document))));
    }

    /** Checks the lineage with {@code document} in place, replaces the calendar at {@code expectedVersion}, counts up those under it. */
    private Uni<Written> checkedReplace(SqlClient conn, String id, long expectedVersion, CalendarDocument document) {
        return checkLineage(conn, id, document.normalised())
                .chain(lineage -> compareAndPut(conn, id, expectedVersion, document)
                        .chain(put -> countUp(conn, lineage).map(changed -> new Written(put, changed, true))));
    }

    private Uni<StoredCalendar> compareAndPut(SqlClient conn, String id, long expectedVersion, CalendarDocument document) {
        CalendarDocument doc = document.normalised();
        return conn.preparedQuery(COMPARE_AND_PUT)
                .execute(Tuple.of(id, expectedVersion, toJson(doc)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("calendar '" + id + "' changed concurrently; retry");
                    }
                    return read(rows.iterator().next(), false);
                });
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
