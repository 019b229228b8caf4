package io.siban.catalog;

/** The four commitment categories (四办). */
public enum Category {
    /** 即收即办: finished on the spot in the same visit. */
    IMMEDIATE,
    /** 当日办结: within one working day, same local time. */
    SAME_DAY,
    /** 限时办结: close of business on the N-th working day. */
    TIME_LIMITED,
    /** 代办服务: accepted locally, decided upstream. */
    PROXY
}
