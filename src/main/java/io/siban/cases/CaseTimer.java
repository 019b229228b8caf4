package io.siban.cases;

import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

import static io.siban.cases.CaseReader.utc;

/** Stores each case's dues and card as its clock reads them, so lists and the sweep can use them without the engine. */
@ApplicationScoped
public class CaseTimer {
    @Inject
    WorkingCalendars calendars;
    @Inject
    CaseStore store;
    @Inject
    CaseReader reader;
    @Inject
    Pool pool;
    @Inject
    CaseFollower follower;
    @Inject
    io.siban.common.Clocks clocks;

    /** Re-reads the case inside the move's transaction and stores what its clock says now. */
    Uni<Void> retime(SqlClient conn, UUID id) {
        return retime(conn, id, clocks.now());
    }

    /**
     * The same at the move's own instant: the card stored is the one its card statement saw, so no card can
     * fall due between the two unrecorded.
     */
    Uni<Void> retime(SqlClient conn, UUID id, java.time.OffsetDateTime now) {
        return store.row(conn, id)
                .chain(row -> calendars.get(conn, row.calendarId(), row.calendarVersion()).map(calendar -> reader.read(calendar, row,
                                now.toInstant()))
                        .chain(reading -> store.run(conn, CaseStore.STORE_DUES, Tuple.tuple().addUUID(id).addOffsetDateTime(utc(reading.committedDue()))
                                .addOffsetDateTime(utc(reading.statutoryDue())).addOffsetDateTime(utc(reading.yellowFrom()))
                                .addString(reading.card().name())
                                .addOffsetDateTime(row.forwardedAt() == null ? utc(reading.localStageDue()) : null))))
                .replaceWithVoid();
    }

    /** Re-times every open case on the calendar after it changed, one after another, and lets their cards follow. */
    public Uni<Integer> retimeOpenCases(String calendarId) {
        return store.openOnCalendar(calendarId)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::retimeOne)
                .collect().asList()
                .map(java.util.List::size);
    }

    private Uni<UUID> retimeOne(UUID id) {
        return pool.withTransaction(conn -> retime(conn, id))
                .chain(() -> store.row(id))
                .chain(reader::view)
                .call(follower::changed)
                .replaceWith(id);
    }
}
