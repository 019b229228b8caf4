package io.siban.cases;

import io.siban.outbox.Outbox;
import io.siban.sla.deadline.CardSql;
import io.siban.sla.deadline.SlaCard;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state lists and the card rule in SQL, generated from {@link CaseState}'s sets and
 * {@link SlaCard}'s order, so the case list, the SLA counters and the card sweep say what the Java
 * says ({@code CaseSqlTest} holds the two forms against each other). {@code c} is the table's alias
 * ("c." or "" for none), {@code now} the bind parameter of the instant (e.g. "$2").
 */
public final class CaseSql {
    /** ('ACCEPTED', 'IN_REVIEW', 'FORWARDED', 'RETURNED') */
    public static final String RUNNING = in(CaseState.RUNNING);
    /** ('ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'FORWARDED', 'RETURNED') */
    public static final String OPEN = in(CaseState.OPEN);
    /** ('SUSPENDED') */
    public static final String PAUSED = in(CaseState.PAUSED);
    /** ('ACCEPTED', 'IN_REVIEW') */
    public static final String LOCAL_STAGE = in(CaseState.LOCAL_STAGE);

    private CaseSql() {
    }

    /** A state list for {@code state in ...}, in declaration order. */
    static String in(Set<CaseState> states) {
        return states.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /** The stored column of one of the card instants. */
    public static String column(SlaCard.Due due) {
        return switch (due) {
            case YELLOW_FROM -> "yellow_from";
            case COMMITTED -> "committed_due";
            case STATUTORY -> "statutory_due";
        };
    }

    /** The card of a running case at {@code now}, from its stored dues: {@code case when ... end}. */
    public static String card(String c, String now) {
        return CardSql.card(due -> c + column(due), now);
    }

    /** The instant a card shows from, for a card named by {@code card}; {@code otherwise} for GREEN. */
    public static String dueOf(String card, String c, String otherwise) {
        return CardSql.dueOf(card, due -> c + column(due), otherwise);
    }

    /**
     * Whether a running case shows {@code card} at {@code now}, as a predicate on the dues (so
     * indexes on them serve): its instant has come and no more severe card's has.
     */
    public static String runningShows(SlaCard card, String c, String now) {
        StringBuilder sql = new StringBuilder("(");
        if (card.from() != null) {
            sql.append(c).append(column(card.from())).append(" <= ").append(now);
        }
        for (SlaCard severer : SlaCard.MOST_SEVERE_FIRST.subList(0, SlaCard.MOST_SEVERE_FIRST.indexOf(card))) {
            String due = c + column(severer.from());
            sql.append(sql.length() > 1 ? " and " : "").append("(").append(due).append(" is null or ").append(due).append(" > ").append(now).append(")");
        }
        return sql.append(")").toString();
    }

    /**
     * Whether a case shows {@code card} at {@code now}: a running case by its dues, any other by the
     * card stored at its last move ({@code stored}: a bind parameter or a literal naming the card).
     */
    public static String shows(SlaCard card, String c, String now, String stored) {
        return "((" + c + "state in " + RUNNING + " and " + runningShows(card, c, now) + ") or (" + c + "state not in " + RUNNING
                + " and " + c + "card = " + stored + "))";
    }

    /** {@link #shows} with the card's name as a literal. */
    public static String shows(SlaCard card, String c, String now) {
        return shows(card, c, now, "'" + card.name() + "'");
    }

    /**
     * Fires the cards of running cases ($1 ids, $2 now): each one locked, its card read from its stored
     * dues, and where it differs from the stored one the change recorded ({@code case_card_change}) with its
     * {@code sla.card} event. The card sweep runs it on due cases, and a move runs it on its case first, so a
     * card that fell due is recorded even when the move beats the sweep.
     */
    public static final String FIRE_CARDS = Outbox.sql("""
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
            from cur left join changed on changed.id = cur.id""".formatted(card("", "$2"), RUNNING,
            dueOf("cur.new_card", "cur.", "$2")));


    /** The name of a PROXY case's local pre-review stage in {@code case_card_change.stage}. */
    public static final String LOCAL_STAGE_NAME = "LOCAL";

    /** The stage's card at {@code now}: RED from its stored due. */
    public static String stageCard(String now) {
        return CardSql.card(due -> due == SlaCard.Due.COMMITTED ? "stage_due" : null, now);
    }

    /** Where the local stage runs: a running local state, not yet forwarded, with a stage due. */
    public static final String STAGE_RUNS = "state in " + LOCAL_STAGE + " and forwarded_at is null and stage_due is not null";

    /** {@link #FIRE_CARDS} for the local stage: its RED card recorded with stage LOCAL and announced as {@code sla.stage_card}. */
    public static final String FIRE_STAGE_CARDS = Outbox.sql("""
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
            from cur left join changed on changed.id = cur.id""".formatted(stageCard("$2"), STAGE_RUNS, LOCAL_STAGE_NAME, LOCAL_STAGE_NAME));

}
