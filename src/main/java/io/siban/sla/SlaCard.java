package io.siban.sla;

/** E-supervision card of an open case, from least to most severe. */
public enum SlaCard {
    /** On track. */
    GREEN,
    /** 黄牌: the remaining working time is at or below the warning threshold. */
    YELLOW,
    /** 红牌: the committed deadline has passed. */
    RED,
    /** The statutory deadline has passed. */
    LEGAL_BREACH
}
