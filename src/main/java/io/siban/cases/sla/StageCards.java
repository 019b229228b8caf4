package io.siban.cases.sla;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.cases.CaseSql;
import io.siban.outbox.Outbox;
import io.siban.sla.deadline.CardSql;
import io.siban.sla.deadline.SlaCard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * A case's stage as a card subject: the local pre-review stage of a PROXY case runs from acceptance
 * until it is forwarded upstream, against its own due (the item's localStageLimit, stored as
 * {@code stage_due}); when the stage runs past it, it receives a RED card, recorded in
 * {@code case_card_change} with stage {@code LOCAL} and announced as {@code sla.stage_card}.
 */
@ApplicationScoped
public class StageCards implements CardSubject {
    /** The stage's name in the register. */
    public static final String LOCAL = "LOCAL";

    private final DeadlineIndex index;

    @Inject
    public StageCards(ReactiveRedisDataSource redis) {
        this.index = new DeadlineIndex(redis, "siban:stage");
    }

    @Override
    public String name() {
        return "local stage";
    }

    @Override
    public DeadlineIndex index() {
        return index;
    }

    @Override
    public String fire() {
        return FIRE;
    }

    @Override
    public String rebuild() {
        return REBUILD;
    }

    @Override
    public void fired(String hall) {
        // a stage card changes no counter
    }

    @Override
    public Uni<Void> settle() {
        return Uni.createFrom().voidItem();
    }

    /** The case's stage due goes into the index while the local stage runs, and out of it otherwise. */
    Uni<Void> follow(UUID id, boolean stageRuns, Instant now, Instant stageDue) {
        Uni<Void> change = stageRuns && stageDue != null ? index.schedule(id, DeadlineIndex.next(now, null, stageDue, null)) : index.remove(id);
        return change.onFailure().recoverWithUni(failure -> index.invalidate().onFailure().recoverWithNull());
    }

    static String column(String c, SlaCard.Due due) {
        return due == SlaCard.Due.COMMITTED ? c + "stage_due" : null;
    }

    /** Where the local stage runs: a running local state, not yet forwarded, with a stage due. */
    private static final String RUNS = "state in " + CaseSql.LOCAL_STAGE + " and forwarded_at is null and stage_due is not null";

    static final String FIRE = Outbox.sql("""
            with cur as (
                select id, hall_code, case_number, department, category, item_name, stage_due, stage_card as old_card,
                       %s as new_card
                from service_case
                where id = any($1) and %s
                for update),
            changed as (
                update service_case c set stage_card = cur.new_card from cur
                where c.id = cur.id and coalesce(cur.old_card, 'GREEN') is distinct from cur.new_card
                returning c.id),
            recorded as (
                insert into case_card_change (case_id, card, at, due_at, stage)
                select cur.id, cur.new_card, $2, cur.stage_due, '%s'
                from cur join changed on changed.id = cur.id),
            events as (
                insert into outbox
                select cur.hall_code, 'sla.stage_card', jsonb_build_object('caseId', cur.id, 'caseNumber', cur.case_number,
                        'stage', '%s', 'card', cur.new_card, 'previous', cur.old_card, 'department', cur.department,
                        'category', cur.category, 'itemName', cur.item_name, 'stageDue', cur.stage_due, 'at', $2)
                from cur join changed on changed.id = cur.id)
            select cur.id, cur.hall_code, null::timestamptz as yellow_from, cur.stage_due as committed_due,
                   null::timestamptz as statutory_due, changed.id is not null as fired
            from cur left join changed on changed.id = cur.id""".formatted(CardSql.card(due -> column("", due), "$2"), RUNS, LOCAL, LOCAL));

    static final String REBUILD = """
            select id, null::timestamptz as yellow_from, stage_due as committed_due, null::timestamptz as statutory_due,
                   coalesce(stage_card, 'GREEN') is distinct from %s as behind
            from service_case where %s and id > $1
            order by id limit $3""".formatted(CardSql.card(due -> column("", due), "$2"), RUNS);
}
