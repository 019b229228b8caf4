package io.siban.accountability;

import io.siban.common.problem.ProblemException;
import io.siban.sla.deadline.SlaCard;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cards of the register: every card but GREEN (预警/黄牌, 红牌, 超法定时限); those an explanation is
 * owed for in time (红牌 and 超法定时限: a deadline has passed).
 */
final class Cards {
    static final Set<SlaCard> RECEIVED = EnumSet.complementOf(EnumSet.of(SlaCard.GREEN));
    static final Set<SlaCard> OWE_EXPLANATION = EnumSet.of(SlaCard.RED, SlaCard.LEGAL_BREACH);

    private Cards() {
    }

    /** A card named by a request, or null when blank; anything but a received card is a 400 naming the field. */
    static SlaCard parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        SlaCard card = named(value);
        if (card == null) {
            throw ProblemException.invalid(field, unknown(value));
        }
        return card;
    }

    /** The received card of that name (any case, trimmed), or null. */
    static SlaCard named(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        return RECEIVED.stream().filter(card -> card.name().equals(name)).findFirst().orElse(null);
    }

    static String unknown(String value) {
        return "'" + value + "' is not one of " + names(RECEIVED);
    }

    static String[] sql(Set<SlaCard> cards) {
        return cards.stream().map(SlaCard::name).toArray(String[]::new);
    }

    static String names(Set<SlaCard> cards) {
        return cards.stream().map(SlaCard::name).collect(Collectors.joining(", "));
    }
}
