package io.siban.feedback;

import io.siban.common.Clocks;
import io.siban.sla.calendar.CalendarStore;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A changed calendar (a holiday added, a year loaded) re-times the running rectifications on it, like
 * the cases: their dues are counted again from the rating with the working days they were opened with,
 * and a card the new dues make due is recorded by the card statement in the same transaction.
 */
@ApplicationScoped
public class RectificationRetimer {
    private static final Logger LOG = Logger.getLogger(RectificationRetimer.class);

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    WorkingCalendars calendars;
    @Inject
    Rectifications rectifications;
    @Inject
    RectificationCards cards;
    @Inject
    FeedbackCounters counters;

    void onChange(@ObservesAsync CalendarStore.CalendarChanged change) {
        retime(change.id()).subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("calendar %s version %d: re-timed %d running rectifications", change.id(), change.version(), count);
            }
        }, failure -> LOG.warnf("calendar %s version %d: re-timing rectifications deferred: %s", change.id(), change.version(),
                failure.toString()));
    }

    /** Re-times every running rectification on the calendar, one transaction each; emits how many. */
    public Uni<Integer> retime(String calendarId) {
        return pool.preparedQuery(RectificationStore.RUNNING_ON_CALENDAR).execute(Tuple.of(calendarId))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getUUID("id"))
                .onItem().transformToUniAndConcatenate(id -> retimeOne(id, calendarId))
                .collect().asList()
                .map(List::size);
    }

    private record Retimed(String hall, Instant yellowFrom, Instant rectifyDue, Instant contactDue) {
    }

    private Uni<UUID> retimeOne(UUID id, String calendarId) {
        OffsetDateTime now = clocks.now();
        return pool.withTransaction(conn -> conn.preparedQuery(RectificationStore.LOCK_TO_RETIME).execute(Tuple.of(id))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(new Retimed(null, null, null, null));
                            }
                            Row r = rows.iterator().next();
                            return calendars.get(conn, calendarId).chain(calendar -> {
                                RectificationDues dues = RectificationDues.of(calendar, r.getOffsetDateTime("opened_at").toInstant(),
                                        r.getInteger("contact_working_days"), r.getInteger("rectify_working_days"));
                                RectificationState state = RectificationState.valueOf(r.getString("state"));
                                RectificationState counted = state == RectificationState.APPEALED
                                        ? RectificationState.valueOf(r.getString("appealed_from")) : state;
                                Instant yellow = dues.yellowFrom(calendar, counted);
                                return conn.preparedQuery(RectificationStore.RETIME).execute(Tuple.of(id, Rectifications.utc(dues.contactDue()),
                                                Rectifications.utc(dues.rectifyDue()), Rectifications.utc(yellow)))
                                        .chain(() -> rectifications.fireDue(conn, id, now))
                                        .replaceWith(new Retimed(r.getString("hall_code"), yellow, dues.rectifyDue(),
                                                counted == RectificationState.OPEN ? dues.contactDue() : null));
                            });
                        }))
                .call(retimed -> retimed.hall() == null ? Uni.createFrom().voidItem()
                        : cards.follow(id, true, now.toInstant(), retimed.yellowFrom(), retimed.rectifyDue(), retimed.contactDue())
                        .invoke(() -> counters.touched(retimed.hall())))
                .replaceWith(id);
    }
}
