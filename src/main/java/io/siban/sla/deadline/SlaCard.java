package io.siban.sla.deadline;

import java.util.List;

/**
 * E-supervision card of an open case, from least to most severe. Each card but GREEN shows from one
 * of the case's instants on; a case shows the most severe card whose instant has come
 * ({@link SlaCards#fromDues}). The SQL forms of this rule are generated from it.
 */
public enum SlaCard {
    /** On track. */
    GREEN(null),
    /** 黄牌: the remaining working time is at or below the warning threshold. */
    YELLOW(Due.YELLOW_FROM),
    /** 红牌: the committed deadline has passed. */
    RED(Due.COMMITTED),
    /** The statutory deadline has passed. */
    LEGAL_BREACH(Due.STATUTORY);

    /** The instants of a case from which a card shows. */
    public enum Due {
        /** When the warning threshold is reached, never after the committed due. */
        YELLOW_FROM,
        /** The pause-adjusted committed due. */
        COMMITTED,
        /** The pause-adjusted statutory due; a case may have none. */
        STATUTORY
    }

    /** LEGAL_BREACH, RED, YELLOW, GREEN: the order in which the cards are tried. */
    public static final List<SlaCard> MOST_SEVERE_FIRST = List.of(LEGAL_BREACH, RED, YELLOW, GREEN);

    private final Due from;

    SlaCard(Due from) {
        this.from = from;
    }

    /** The instant from which the card shows; null for GREEN, the card before all of them. */
    public Due from() {
        return from;
    }
}
