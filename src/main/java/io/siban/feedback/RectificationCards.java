package io.siban.feedback;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.cases.sla.StoredCards;
import io.siban.cases.sla.DeadlineIndex;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * Rectifications as a card subject of the one card machinery (cases/sla/CardSweeper): their own
 * deadline index in Redis ({@code siban:rect:{sN}:next}), their cards announced as
 * {@code rectification.card} and recorded in {@code rectification_card_change}.
 */
@Singleton
public class RectificationCards extends StoredCards {
    private final FeedbackCounters counters;

    @Inject
    public RectificationCards(ReactiveRedisDataSource redis, FeedbackCounters counters) {
        super("rectification", new DeadlineIndex(redis, "siban:rect"), RectificationStore.FIRE, RectificationStore.REBUILD);
        this.counters = counters;
    }

    @Override
    public void fired(String hall) {
        counters.touched(hall);
    }

    /** The contact due is no card instant but changes the counters: every instant reached recounts the hall. */
    @Override
    public void reached(String hall) {
        counters.touched(hall);
    }

    @Override
    public Uni<Void> settle() {
        return counters.recountTouched();
    }

    /**
     * The rectification's next instant goes into the index (a card change, or the contact due, when
     * the counters change), or out of it when it stopped; if Redis cannot take it, the index is marked
     * for a rebuild. Safe before the commit too: the sweep drops an id whose row is not running.
     */
    Uni<Void> follow(UUID id, boolean running, Instant now, Instant yellowFrom, Instant rectifyDue, Instant contactDue) {
        DeadlineIndex index = index();
        Uni<Void> change = running ? index.schedule(id, DeadlineIndex.next(now, yellowFrom, rectifyDue, contactDue)) : index.remove(id);
        return change.onFailure().recoverWithUni(failure -> index.invalidate().onFailure().recoverWithNull());
    }
}
