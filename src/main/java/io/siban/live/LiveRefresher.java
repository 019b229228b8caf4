package io.siban.live;

import io.siban.common.Sweep;
import io.siban.outbox.OutboxPublisher;
import io.siban.outbox.PublishedHalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the live view in step with what was published: refreshes the halls that had events, and
 * sweeps (rebuilding Redis when it comes back empty, and waking the publisher for events no commit
 * woke it for: another instance's, or one whose wake-up was lost).
 */
@ApplicationScoped
public class LiveRefresher implements PublishedHalls, Sweep {
    private static final Logger LOG = Logger.getLogger(LiveRefresher.class);
    static final Duration REFRESH_GAP = Duration.ofMillis(200);

    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastRefresh = new ConcurrentHashMap<>();

    @Inject
    LiveView live;
    @Inject
    OutboxPublisher publisher;

    @Override
    public String name() {
        return "live view sweep";
    }

    @Override
    public Uni<Void> sweep() {
        return live.isBuilt()
                .chain(built -> built ? Uni.createFrom().voidItem() : live.rebuildAll().replaceWithVoid())
                .invoke(publisher::wake)
                .onFailure().invoke(failure -> LOG.debugf("live view sweep deferred: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /**
     * Refreshes the live view of halls with new events, each at most once per refresh gap: under a
     * rush one recomputation covers many events, and the sweep catches up the halls held back.
     */
    @Override
    public Uni<Void> published(Set<String> halls) {
        dirty.addAll(halls);
        long now = System.nanoTime();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String hall : Set.copyOf(dirty)) {
            Long last = lastRefresh.get(hall);
            if (last != null && now - last < REFRESH_GAP.toNanos()) {
                continue;
            }
            dirty.remove(hall);
            lastRefresh.put(hall, now);
            chain = chain.chain(() -> live.refresh(hall).replaceWithVoid());
        }
        return chain;
    }
}
