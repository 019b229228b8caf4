package io.siban.cases.sla;

import io.siban.cases.CaseTimer;
import io.siban.sla.calendar.CalendarStore;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * A changed calendar (a year loaded, a holiday moved) re-times the open cases that run on it. The
 * re-timing runs on its own, without holding the thread that delivered the change. After start, the
 * calendars listed in {@code calendar_retime_pending} (the engine changed what it computes for them,
 * V19) are re-timed once; each row goes when its cases are done, so a crash re-times them again.
 */
@ApplicationScoped
public class CalendarRetimer {
    private static final Logger LOG = Logger.getLogger(CalendarRetimer.class);

    static final String PENDING = "select calendar_id from calendar_retime_pending order by calendar_id";
    static final String DONE = "delete from calendar_retime_pending where calendar_id = $1";

    @Inject
    CaseTimer timer;
    @Inject
    Pool pool;

    void afterStart(@Observes StartupEvent event) {
        retimePending().subscribe().with(ignored -> { }, failure -> LOG.warnf("re-timing after an engine change deferred to the next start: %s",
                failure.toString()));
    }

    /** Re-times the open cases of every calendar listed as pending, removing each row once done. */
    public Uni<Void> retimePending() {
        return pool.query(PENDING).execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getString(0))
                .onItem().transformToUniAndConcatenate(id -> timer.retimeOpenCases(id)
                        .invoke(count -> LOG.infof("calendar %s: re-timed %d open cases after an engine change", id, count))
                        .chain(() -> pool.preparedQuery(DONE).execute(Tuple.of(id))))
                .collect().last()
                .replaceWithVoid();
    }

    void onChange(@ObservesAsync CalendarStore.CalendarChanged change) {
        timer.retimeOpenCases(change.id()).subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("calendar %s version %d: re-timed %d open cases", change.id(), change.version(), count);
            }
        }, failure -> LOG.warnf("calendar %s version %d: re-timing deferred: %s", change.id(), change.version(), failure.toString()));
    }
}
