package io.siban.cases;

import io.siban.sla.CalendarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/** A changed calendar (a year loaded, a holiday moved) re-times the open cases that run on it. */
@ApplicationScoped
public class CalendarRetimer {
    private static final Logger LOG = Logger.getLogger(CalendarRetimer.class);

    @Inject
    CaseService cases;

    void onChange(@ObservesAsync CalendarStore.CalendarChanged change) {
        int count = cases.retimeOpenCases(change.id()).await().atMost(Duration.ofMinutes(10));
        if (count > 0) {
            LOG.infof("calendar %s version %d: re-timed %d open cases", change.id(), change.version(), count);
        }
    }
}
