package io.siban.cases.sla;

import io.siban.cases.CaseTimer;
import io.siban.sla.calendar.CalendarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * A changed calendar (a year loaded, a holiday moved) re-times the open cases that run on it. The
 * re-timing runs on its own, without holding the thread that delivered the change.
 */
@ApplicationScoped
public class CalendarRetimer {
    private static final Logger LOG = Logger.getLogger(CalendarRetimer.class);

    @Inject
    CaseTimer timer;

    void onChange(@ObservesAsync CalendarStore.CalendarChanged change) {
        timer.retimeOpenCases(change.id()).subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("calendar %s version %d: re-timed %d open cases", change.id(), change.version(), count);
            }
        }, failure -> LOG.warnf("calendar %s version %d: re-timing deferred: %s", change.id(), change.version(), failure.toString()));
    }
}
