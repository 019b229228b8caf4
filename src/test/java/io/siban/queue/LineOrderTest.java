package io.siban.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineOrderTest {
    static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");
    final LineOrder order = new LineOrder(Map.of(Priority.APPOINTMENT, Duration.ofMinutes(10),
            Priority.PRIORITY, Duration.ofMinutes(20), Priority.GREEN_CHANNEL, Duration.ofMinutes(30)));

    @Test
    void aPriorityTicketGoesBeforeRecentNormalOnes() {
        Instant normal = order.lineKey(T0, Priority.NORMAL);
        Instant priority = order.lineKey(T0.plus(Duration.ofMinutes(5)), Priority.PRIORITY);
        assertThat(priority).isBefore(normal);
    }

    @Test
    void aNormalTicketThatWaitedPastTheHeadStartGoesFirst() {
        Instant normal = order.lineKey(T0, Priority.NORMAL);
        Instant priority = order.lineKey(T0.plus(Duration.ofMinutes(21)), Priority.PRIORITY);
        Instant green = order.lineKey(T0.plus(Duration.ofMinutes(31)), Priority.GREEN_CHANNEL);
        assertThat(normal).isBefore(priority).isBefore(green);
    }

    @Test
    void classesRankByHeadStartAtTheSameArrival() {
        assertThat(order.lineKey(T0, Priority.GREEN_CHANNEL)).isBefore(order.lineKey(T0, Priority.PRIORITY));
        assertThat(order.lineKey(T0, Priority.PRIORITY)).isBefore(order.lineKey(T0, Priority.APPOINTMENT));
        assertThat(order.lineKey(T0, Priority.APPOINTMENT)).isBefore(order.lineKey(T0, Priority.NORMAL));
    }

    @Test
    void reasons() {
        assertThat(LineOrder.reason(Priority.NORMAL, false, false, false)).isEqualTo(LineOrder.CallReason.FIFO);
        assertThat(LineOrder.reason(Priority.PRIORITY, true, false, false)).isEqualTo(LineOrder.CallReason.PRIORITY);
        assertThat(LineOrder.reason(Priority.NORMAL, false, true, false)).isEqualTo(LineOrder.CallReason.AGED);
        assertThat(LineOrder.reason(Priority.NORMAL, true, false, true)).isEqualTo(LineOrder.CallReason.TRANSFER);
        assertThat(LineOrder.reason(Priority.NORMAL, true, false, false)).as("an earlier NORMAL waits for another window's queue")
                .isEqualTo(LineOrder.CallReason.FIFO);
    }

    @Test
    void negativeHeadStartsAreRefused() {
        assertThatThrownBy(() -> new LineOrder(Map.of(Priority.PRIORITY, Duration.ofMinutes(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
