package io.siban.cases;

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
}
