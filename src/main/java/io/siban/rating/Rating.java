package io.siban.rating;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A rating as checked: a score from 1 to 5, the dimensions given (each 1..5), a trimmed comment or
 * null. Bad (1 or 2) opens a rectification (差评整改).
 */
public record Rating(int score, Map<Dimension, Integer> dimensions, String comment) {
    public static final int MIN = 1;
    public static final int MAX = 5;

    public Rating {
        dimensions = dimensions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(dimensions));
    }

    /** 差评: 1 (非常不满意) or 2 (不满意). */
    public boolean isBad() {
        return isBad(score);
    }

    public static boolean isBad(int score) {
        return score <= 2;
    }

    /** 满意: 4 (满意) or 5 (非常满意). */
    public static boolean isSatisfied(int score) {
        return score >= 4;
    }

    public Integer dimension(Dimension d) {
        return dimensions.get(d);
    }
}
