package io.siban.sla.calendar;

import io.siban.common.Clocks;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * The coverage alarm in {@code /q/health}: from 1 November, each calendar whose next year is not
 * official is named in the details with what follows. Always UP: the service works on with
 * provisional years, and a readiness that went DOWN would take every instance out of the balancer.
 */
@Readiness
@ApplicationScoped
public class CalendarCoverageCheck implements AsyncHealthCheck {
    static final String NAME = "Calendar coverage";

    @Inject
    CalendarStore store;
    @Inject
    Clocks clocks;

    @Override
    public Uni<HealthCheckResponse> call() {
        Instant now = clocks.now().toInstant();
        return store.listEffective().map(calendars -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
            long alarms = 0;
            for (CalendarStore.EffectiveCalendar calendar : calendars) {
                CalendarDocument document = calendar.effective();
                for (CalendarYears.Warning warning : CalendarYears.warnings(document, CalendarYears.today(document, now))) {
                    response.withData("calendar." + calendar.stored().id(), warning.message());
                    alarms++;
                }
            }
            return response.withData("nextYearNotOfficial", alarms).build();
        }).onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).up()
                .withData("unknown", "calendars could not be read: " + failure.getClass().getSimpleName()).build());
    }
}
