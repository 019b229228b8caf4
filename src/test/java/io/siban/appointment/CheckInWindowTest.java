package io.siban.appointment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CheckInWindowTest {
    static final Instant SLOT = Instant.parse("2026-10-08T02:00:00Z");
    static final Duration BEFORE = Duration.ofMinutes(30);
    static final Duration AFTER = Duration.ofMinutes(15);

    @Test
    void bothEndsAreInsideAndASecondBeyondEitherIsOut() {
        assertThat(CheckInWindow.admits(SLOT, SLOT.minus(BEFORE), BEFORE, AFTER)).isTrue();
        assertThat(CheckInWindow.admits(SLOT, SLOT.minus(BEFORE).minusNanos(1000), BEFORE, AFTER)).isFalse();
        assertThat(CheckInWindow.admits(SLOT, SLOT.plus(AFTER), BEFORE, AFTER)).isTrue();
        assertThat(CheckInWindow.admits(SLOT, SLOT.plus(AFTER).plusSeconds(1), BEFORE, AFTER)).isFalse();
        assertThat(CheckInWindow.admits(SLOT, SLOT, BEFORE, AFTER)).isTrue();
    }
}
