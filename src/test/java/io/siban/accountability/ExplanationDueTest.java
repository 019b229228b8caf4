package io.siban.accountability;

import io.siban.sla.calendar.ChinaCalendars;
import io.siban.sla.calendar.WorkingCalendar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.siban.sla.calendar.ChinaCalendars.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanation due (three working days, same local time) and the cutoff the register filters on: a card
 * received before the cutoff is due by now, one received at or after it is not. The cutoff is checked
 * against the due itself on seeded random instants over the shipped 2025–2026 calendar, holidays and
 * make-up Saturdays included; {@code -Dsiban.property.seed=…} explores others.
 */
class ExplanationDueTest {
    static final long SEED = Long.getLong("siban.property.seed", 20_261_201L);
    static final WorkingCalendar CHINA = ChinaCalendars.china();
    /** 2025-01-01T00:00+08:00 .. 2026-12-20T00:00+08:00, in epoch seconds. */
    static final long FROM = 1_735_660_800L;
    static final long UNTIL = 1_797_696_000L;

    @ParameterizedTest(name = "a card at {0} → explanation due {1}")
    @CsvSource({
            "2026-10-14T10:00, 2026-10-19T10:00",
            // after closing: counted from the next opening, and the weekend does not count
            "2026-10-14T17:00:01, 2026-10-20T09:00",
            // 国庆 2026: 1–7 October off, Saturday 10 October a make-up working day
            "2026-09-30T11:00, 2026-10-10T11:00",
            "2026-10-09T15:00, 2026-10-13T15:00"})
    void theDueIsTheSameLocalTimeOnTheThirdWorkingDay(String card, String due) {
        assertThat(ExplanationDue.of(CHINA, at(card), 3)).isEqualTo(at(due));
    }

    @ParameterizedTest(name = "seed " + "{0}, try {1}: now {2}, card {3}")
    @MethodSource("nowsAndCards")
    void aCardIsBeforeTheCutoffExactlyWhenItsExplanationIsDue(long seed, int attempt, Instant now, Instant card) {
        Instant cutoff = ExplanationDue.overdueBefore(CHINA, now, 3);
        boolean due = ExplanationDue.isDue(CHINA, card, 3, now);
        assertThat(card.isBefore(cutoff)).as("seed %d try %d: card %s, now %s, cutoff %s, due %s", seed, attempt, card, now, cutoff,
                ExplanationDue.of(CHINA, card, 3)).isEqualTo(due);
        assertThat(ExplanationDue.isDue(CHINA, cutoff.minusNanos(1000), 3, now)).as("the microsecond before the cutoff is due").isTrue();
        assertThat(ExplanationDue.isDue(CHINA, cutoff, 3, now)).as("the cutoff itself is not").isFalse();
    }

    static Stream<Arguments> nowsAndCards() {
        SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.range(0, 300).mapToObj(i -> {
            long now = random.nextLong(FROM, UNTIL);
            // most cards within the last three weeks, where the answer changes; micros as PostgreSQL keeps them
            long card = now - random.nextLong(0, 21L * 86_400);
            Instant nowInstant = Instant.ofEpochSecond(now, random.nextInt(1_000_000) * 1000L);
            return Arguments.of(SEED, i, nowInstant, Instant.ofEpochSecond(card, random.nextInt(1_000_000) * 1000L));
        });
    }
}
