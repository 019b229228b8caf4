package io.siban.cases.sla;

import io.siban.cases.CaseFollower;
import io.siban.cases.dto.CaseView;
import io.siban.common.Clocks;
import io.siban.metrics.BusinessMeters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Keeps the deadline index and the hall's counters in step with every committed change of a case. */
@ApplicationScoped
public class SlaFollower implements CaseFollower {
    @Inject
    Clocks clocks;
    @Inject
    DeadlineIndex index;
    @Inject
    SlaCounters counters;
    @Inject
    BusinessMeters meters;
    @Inject
    StageCards stages;

    /**
     * The case's next card change goes into the live index, or out of it when the clock is paused or
     * stopped. If Redis cannot take it, the index is marked for a rebuild.
     */
    @Override
    public Uni<Void> changed(CaseView view) {
        counters.touched(view.hall());
        boolean running = view.state().isRunning() && view.sla() != null && view.sla().committedDue() != null;
        Uni<Void> change = running
                ? index.schedule(view.id(), DeadlineIndex.next(clocks.now().toInstant(), instant(view.sla().yellowFrom()),
                instant(view.sla().committedDue()), instant(view.sla().statutoryDue())))
                : index.remove(view.id());
        boolean stageRuns = io.siban.cases.CaseState.LOCAL_STAGE.contains(view.state()) && view.sla() != null;
        return change.onFailure().recoverWithUni(failure -> index.invalidate().onFailure().recoverWithNull())
                .chain(() -> stages.follow(view.id(), stageRuns, clocks.now().toInstant(),
                        stageRuns ? instant(view.sla().localStageDue()) : null));
    }

    /** Counts the close (on time: at or before the committed due; a case without one cannot be late). */
    @Override
    public Uni<Void> closed(CaseView view) {
        OffsetDateTime due = view.sla() == null ? null : view.sla().committedDue();
        boolean onTime = due == null || view.closedAt() == null || !view.closedAt().isAfter(due);
        meters.closed(view.hall(), view.category().name(), onTime);
        return Uni.createFrom().voidItem();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
