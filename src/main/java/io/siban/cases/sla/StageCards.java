package io.siban.cases.sla;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.cases.CaseSql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * A case's stage as a card subject: the local pre-review stage of a PROXY case runs from acceptance
 * until it is forwarded upstream, against its own due (the item's localStageLimit, stored as
 * {@code stage_due}); when the stage runs past it, it receives a RED card, recorded in
 * {@code case_card_change} with stage {@code LOCAL} and announced as {@code sla.stage_card}.
 */
@Singleton
public class StageCards extends StoredCards {
    /** The stage's name in the register. */
    public static final String LOCAL = CaseSql.LOCAL_STAGE_NAME;

    @Inject
    public StageCards(ReactiveRedisDataSource redis) {
        super("local stage", new DeadlineIndex(redis, "siban:stage"), CaseSql.FIRE_STAGE_CARDS, REBUILD);
    }

    /** The case's stage due goes into the index while the local stage runs, and out of it otherwise. */
    Uni<Void> follow(UUID id, boolean stageRuns, Instant now, Instant stageDue) {
        DeadlineIndex index = index();
        Uni<Void> change = stageRuns && stageDue != null ? index.schedule(id, DeadlineIndex.next(now, null, stageDue, null)) : index.remove(id);
        return change.onFailure().recoverWithUni(failure -> index.invalidate().onFailure().recoverWithNull());
    }

    static final String REBUILD = """
            select id, null::timestamptz as yellow_from, stage_due as committed_due, null::timestamptz as statutory_due,
                   coalesce(stage_card, 'GREEN') is distinct from %s as behind
            from service_case where %s and id > $1
            order by id limit $3""".formatted(CaseSql.stageCard("$2"), CaseSql.STAGE_RUNS);
}
