package io.siban.feedback;

import io.siban.common.Sweep;
import io.siban.metrics.BusinessMeters;
import io.siban.metrics.GaugeRefresh;
import io.siban.metrics.MetricsConfig;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/** The gauge of overdue rectifications per hall, from the shared counters at the metrics pace (every instance the same figures). */
@ApplicationScoped
public class FeedbackMeters implements Sweep {
    private static final Caller EVERY_HALL = new Caller("metrics", Set.of(Roles.ADMIN), List.of(Roles.ALL_HALLS), null);

    @Inject
    Rectifications rectifications;
    @Inject
    BusinessMeters meters;
    @Inject
    MetricsConfig config;

    private final GaugeRefresh pace = new GaugeRefresh();

    @Override
    public String name() {
        return "overdue rectifications gauge";
    }

    @Override
    public Uni<Void> sweep() {
        return pace.atPace(config, this::refresh);
    }

    /** Reads every hall's counters now. */
    public Uni<Void> refresh() {
        return rectifications.summary(null, EVERY_HALL)
                .invoke(summary -> summary.halls().forEach(h -> meters.rectificationsOverdue(h.hall(), h.overdue())))
                .replaceWithVoid();
    }
}
