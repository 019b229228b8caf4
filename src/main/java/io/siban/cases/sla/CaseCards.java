package io.siban.cases.sla;

import io.siban.cases.CaseSql;
import io.siban.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Cases as a card subject: the cards of their committed and statutory dues, announced as {@code sla.card}. */
@ApplicationScoped
public class CaseCards implements CardSubject {
    @Inject
    DeadlineIndex index;
    @Inject
    SlaCounters counters;

    @Override
    public String name() {
        return "case";
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
        counters.touched(hall);
    }

    @Override
    public Uni<Void> settle() {
        return counters.recountTouched();
    }

    static final String FIRE = Outbox.sql("""
            with cur as (
                select id, hall_code, case_number, department, category, item_name, yellow_from, committed_due, statutory_due,
                       card as old_card, %s as new_card
                from service_case
                where id = any($1) and state in %s and committed_due is not null
                for update),
            changed as (
                update service_case c set card = cur.new_card from cur
                where c.id = cur.id and cur.old_card is distinct from cur.new_card
                returning c.id),
            recorded as (
                insert into case_card_change (case_id, card, at, due_at)
                select cur.id, cur.new_card, $2, %s
                from cur join changed on changed.id = cur.id),
            events as (
                insert into outbox
                select cur.hall_code, 'sla.card', jsonb_build_object('caseId', cur.id, 'caseNumber', cur.case_number,
                        'card', cur.new_card, 'previous', cur.old_card, 'department', cur.department, 'category', cur.category,
                        'itemName', cur.item_name, 'committedDue', cur.committed_due, 'at', $2)
                from cur join changed on changed.id = cur.id)
            select cur.id, cur.hall_code, cur.yellow_from, cur.committed_due, cur.statutory_due, changed.id is not null as fired
            from cur left join changed on changed.id = cur.id""".formatted(CaseSql.card("", "$2"), CaseSql.RUNNING,
            CaseSql.dueOf("cur.new_card", "cur.", "$2")));

    /** A page of running cases by id, each with whether its stored card is behind its dues at $2. */
    static final String REBUILD = """
            select id, yellow_from, committed_due, statutory_due, card is distinct from %s as behind
            from service_case where state in %s and committed_due is not null and id > $1
            order by id limit $3""".formatted(CaseSql.card("", "$2"), CaseSql.RUNNING);
}
