package io.siban.sla.deadline;

import java.util.function.Function;

/**
 * {@link SlaCards#fromDues}, the card rule, in SQL, for any subject that stores its card instants
 * (cases, rectifications): {@code column} names the stored column of each instant, or null when the
 * subject has none (that card never shows). Generated from {@link SlaCard#MOST_SEVERE_FIRST}.
 */
public final class CardSql {
    private CardSql() {
    }

    /** The card at {@code now} from the stored instants: {@code case when ... end}. */
    public static String card(Function<SlaCard.Due, String> column, String now) {
        StringBuilder sql = new StringBuilder("case");
        for (SlaCard card : SlaCard.MOST_SEVERE_FIRST) {
            if (card.from() == null) {
                sql.append(" else '").append(card.name()).append("' end");
            } else if (column.apply(card.from()) != null) {
                sql.append(" when ").append(column.apply(card.from())).append(" <= ").append(now).append(" then '").append(card.name()).append("'");
            }
        }
        return sql.toString();
    }

    /** The instant a card shows from, for a card named by {@code card}; {@code otherwise} for GREEN. */
    public static String dueOf(String card, Function<SlaCard.Due, String> column, String otherwise) {
        StringBuilder sql = new StringBuilder("case ").append(card);
        for (SlaCard each : SlaCard.MOST_SEVERE_FIRST) {
            if (each.from() != null && column.apply(each.from()) != null) {
                sql.append(" when '").append(each.name()).append("' then ").append(column.apply(each.from()));
            }
        }
        return sql.append(" else ").append(otherwise).append(" end").toString();
    }
}
