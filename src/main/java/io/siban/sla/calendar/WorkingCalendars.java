package io.siban.sla.calendar;

import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's calendars, built once per stored version: each use reads only the version number,
 * so a change saved through any instance is used by every instance from the next request on. A
 * calendar is built from its effective document (over its parents'); a parent's change counts up
 * the version of every calendar that extends it, so their built calendars are forgotten too.
 */
@ApplicationScoped
public class WorkingCalendars {
    private final ConcurrentMap<String, Versioned> cache = new ConcurrentHashMap<>();
    private final LongAdder statements = new LongAdder();

    @Inject
    Pool pool;
    @Inject
    CalendarStore store;

    /** Statements run so far to read versions and calendars: a seam for the test that holds the case list to two. */
    public long statements() {
        return statements.sum();
    }

    private record Versioned(long version, WorkingCalendar calendar) {
    }

    public Uni<WorkingCalendar> get(String id) {
        return get(pool, id);
    }

    public Uni<WorkingCalendar> get(String id, Long version) {
        return get(pool, id, version);
    }

    /**
     * The calendar at a version its caller read along with its own rows (a case's row carries its
     * calendar's version): no statement while that version is built; else as {@link #get(io.vertx.mutiny.sqlclient.SqlClient, String)}.
     */
    public Uni<WorkingCalendar> get(io.vertx.mutiny.sqlclient.SqlClient client, String id, Long version) {
        Versioned cached = version == null ? null : cache.get(id);
        if (cached != null && cached.version() == version) {
            return Uni.createFrom().item(cached.calendar());
        }
        return get(client, id);
    }

    /**
     * The calendar, read through {@code client}: inside a transaction pass its connection, so the
     * transaction never waits for a second pooled connection (which can exhaust the pool under load).
     */
    public Uni<WorkingCalendar> get(io.vertx.mutiny.sqlclient.SqlClient client, String id) {
        statements.increment();
        return client.preparedQuery("select version from calendar where id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("calendar", id));
                    }
                    long version = rows.iterator().next().getLong(0);
                    Versioned cached = cache.get(id);
                    if (cached != null && cached.version() == version) {
                        return Uni.createFrom().item(cached.calendar());
                    }
                    statements.increment();
                    return store.effective(client, id).map(read -> {
                        CalendarDocument document = read.effective();
                        WorkingCalendar calendar = WorkingCalendar.of(document.toDefinition(), CalendarYears.engineOfficialYears(document));
                        cache.merge(id, new Versioned(read.stored().version(), calendar),
                                (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
                        return calendar;
                    });
                });
    }
}
