package io.siban.feedback;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rectification's moves, every state against every action, and random walks that always end where the rules allow. */
class RectificationMachineTest {

    @Test
    void theLoopAndTheAppeal() {
        assertThat(RectificationMachine.next(RectificationState.OPEN, RectificationAction.CONTACT, null)).isEqualTo(RectificationState.CONTACTED);
        assertThat(RectificationMachine.next(RectificationState.CONTACTED, RectificationAction.RECTIFY, null)).isEqualTo(RectificationState.RECTIFIED);
        assertThat(RectificationMachine.next(RectificationState.RECTIFIED, RectificationAction.CLOSE, null)).isEqualTo(RectificationState.CLOSED);
        assertThat(RectificationMachine.next(RectificationState.OPEN, RectificationAction.APPEAL, null)).isEqualTo(RectificationState.APPEALED);
        assertThat(RectificationMachine.next(RectificationState.APPEALED, RectificationAction.EXCLUDE, RectificationState.CONTACTED))
                .isEqualTo(RectificationState.EXCLUDED);
        assertThat(RectificationMachine.next(RectificationState.APPEALED, RectificationAction.UPHOLD, RectificationState.CONTACTED))
                .isEqualTo(RectificationState.CONTACTED);
        assertThat(RectificationMachine.next(RectificationState.APPEALED, RectificationAction.UPHOLD, RectificationState.OPEN))
                .isEqualTo(RectificationState.OPEN);
    }

    @Test
    void nothingSkipsAStepOrLeavesAnEnd() {
        assertThat(RectificationMachine.next(RectificationState.OPEN, RectificationAction.RECTIFY, null)).isNull();
        assertThat(RectificationMachine.next(RectificationState.OPEN, RectificationAction.CLOSE, null)).isNull();
        assertThat(RectificationMachine.next(RectificationState.RECTIFIED, RectificationAction.APPEAL, null)).isNull();
        assertThat(RectificationMachine.next(RectificationState.OPEN, RectificationAction.EXCLUDE, null)).isNull();
        for (RectificationState end : RectificationState.FINAL) {
            assertThat(RectificationMachine.allowed(end)).isEmpty();
            for (RectificationAction action : RectificationAction.values()) {
                assertThat(RectificationMachine.next(end, action, RectificationState.OPEN)).isNull();
            }
        }
    }

    @Test
    void randomWalksOnlyReachStatesTheRulesAllowAndAppealsReturnWhereTheyStarted() {
        Random random = new Random(16);
        for (int walk = 0; walk < 2_000; walk++) {
            RectificationState state = RectificationState.OPEN;
            RectificationState appealedFrom = null;
            boolean contacted = false;
            for (int step = 0; step < 12 && !RectificationState.FINAL.contains(state); step++) {
                RectificationAction action = RectificationAction.values()[random.nextInt(RectificationAction.values().length)];
                RectificationState next = RectificationMachine.next(state, action, appealedFrom);
                assertThat(next != null).isEqualTo(RectificationMachine.allowed(state).contains(action));
                if (next == null) {
                    continue;
                }
                if (action == RectificationAction.APPEAL) {
                    appealedFrom = state;
                } else if (action == RectificationAction.UPHOLD) {
                    assertThat(next).isEqualTo(appealedFrom);
                    appealedFrom = null;
                }
                contacted |= next == RectificationState.CONTACTED;
                if (next == RectificationState.RECTIFIED) {
                    assertThat(contacted).as("rectified only after a contact").isTrue();
                }
                assertThat(EnumSet.allOf(RectificationState.class)).contains(next);
                state = next;
            }
        }
    }
}
