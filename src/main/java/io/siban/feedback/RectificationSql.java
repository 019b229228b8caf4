package io.siban.feedback;

import io.siban.sla.deadline.CardSql;
import io.siban.sla.deadline.SlaCard;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rectification's state lists and card rule in SQL, generated from {@link RectificationState}
 * and {@link SlaCard} like the cases' ({@code cases/CaseSql}): a rectification has a yellow instant
 * and a rectify due (RED), and no statutory one.
 */
final class RectificationSql {
    /** ('OPEN', 'CONTACTED', 'APPEALED') */
    static final String RUNNING = in(RectificationState.RUNNING);
    /** ('CLOSED', 'EXCLUDED') */
    static final String FINAL = in(RectificationState.FINAL);

    private RectificationSql() {
    }

    static String in(Set<RectificationState> states) {
        return states.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    static String column(String r, SlaCard.Due due) {
        return switch (due) {
            case YELLOW_FROM -> r + "yellow_from";
            case COMMITTED -> r + "rectify_due";
            case STATUTORY -> null;
        };
    }

    /** The card of a running rectification at {@code now}. */
    static String card(String r, String now) {
        return CardSql.card(due -> column(r, due), now);
    }

    static String dueOf(String card, String r, String otherwise) {
        return CardSql.dueOf(card, due -> column(r, due), otherwise);
    }

    /** Past a due it has not met at {@code now}: the contact due while OPEN, the rectify due while running. */
    static String overdue(String r, String now) {
        return "((" + r + "state = 'OPEN' and " + r + "contact_due <= " + now + ") or (" + r + "state in " + RUNNING + " and "
                + r + "rectify_due <= " + now + "))";
    }
}
