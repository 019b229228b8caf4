package io.siban.report;

import io.siban.common.Sweep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the KPI rollups whole at the sweep pace: counts the events of halls that are behind (numbered
 * but not counted: a failed count, or an instance of a version without rollups numbering during a
 * rolling upgrade), and, once after each start, gives cases closed before the rollups existed their
 * working days. Each step runs under the numbering lock, so any instance may do it.
 */
@ApplicationScoped
public class RollupRepair implements Sweep {
    private static final Logger LOG = Logger.getLogger(RollupRepair.class);

    @Inject
    Rollups rollups;

    /** After a hall's count fails it is tried again after 1 s, then twice as long each time, up to a minute. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final Map<String, Retry> failing = new ConcurrentHashMap<>();
    private volatile boolean closesCaughtUp;
    /** Where the catch-up of closed cases goes on (by id): cases whose days cannot be counted are passed, not read again. */
    private volatile UUID closesAfter = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private record Retry(Instant at, Duration after) {
    }

    @Override
    public String name() {
        return "KPI rollup repair";
    }

    @Override
    public Uni<Void> sweep() {
        return rollups.behind()
                .chain(halls -> Multi.createFrom().iterable(halls)
                        .filter(this::due)
                        .onItem().transformToUniAndConcatenate(hall -> rollups.mend(hall)
                                .onFailure().recoverWithItem(Throwable::toString)
                                .invoke(failure -> counted(hall, failure)))
                        .collect().last())
                .chain(() -> closesCaughtUp ? Uni.createFrom().voidItem() : rollups.countClosedCases(closesAfter).invoke(step -> {
                    if (step == null) {
                        return;
                    }
                    if (step.read() > 0) {
                        LOG.infof("working days counted for %d cases closed before the KPI rollups", step.read());
                    }
                    closesAfter = step.last();
                    closesCaughtUp = step.read() < Rollups.CLOSES;
                }).replaceWithVoid());
    }

    private boolean due(String hall) {
        Retry retry = failing.get(hall);
        return retry == null || !Instant.now().isBefore(retry.at());
    }

    private void counted(String hall, String failure) {
        if (Rollups.BUSY.equals(failure)) {
            return;
        }
        if (failure == null) {
            failing.remove(hall);
            return;
        }
        Retry last = failing.get(hall);
        Duration after = last == null ? FIRST_RETRY : min(last.after().multipliedBy(2), LAST_RETRY);
        failing.put(hall, new Retry(Instant.now().plus(after), after));
        LOG.warnf("KPI rollups of hall %s still behind (next try in %d s): %s", hall, after.toSeconds(), failure);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
