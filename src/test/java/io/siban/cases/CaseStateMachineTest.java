package io.siban.cases;

import io.siban.catalog.Category;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static io.siban.cases.CaseAction.*;
import static io.siban.cases.CaseState.*;
import static io.siban.cases.CaseStateMachine.ClockEffect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseStateMachineTest {

    static CaseStateMachine.Move move(Category category, CaseState from, CaseAction action) {
        return CaseStateMachine.move(category, from, action, null, null);
    }

    @Test
    void theTimeLimitedPath() {
        assertThat(move(Category.TIME_LIMITED, SUBMITTED, ACCEPT)).isEqualTo(new CaseStateMachine.Move(ACCEPTED, ClockEffect.START));
        assertThat(move(Category.TIME_LIMITED, ACCEPTED, START_REVIEW).to()).isEqualTo(IN_REVIEW);
        assertThat(move(Category.TIME_LIMITED, IN_REVIEW, APPROVE)).isEqualTo(new CaseStateMachine.Move(APPROVED, ClockEffect.STOP));
        assertThat(move(Category.TIME_LIMITED, APPROVED, DELIVER).to()).isEqualTo(DELIVERED);
    }

    @Test
    void suspensionsPauseAndResumeToWhereTheyCameFrom() {
        assertThat(move(Category.TIME_LIMITED, IN_REVIEW, REQUEST_SUPPLEMENT)).isEqualTo(new CaseStateMachine.Move(SUSPENDED, ClockEffect.PAUSE));
        assertThat(CaseStateMachine.move(Category.TIME_LIMITED, SUSPENDED, SUPPLEMENT_RECEIVED, IN_REVIEW, true))
                .isEqualTo(new CaseStateMachine.Move(IN_REVIEW, ClockEffect.RESUME));
        assertThat(CaseStateMachine.move(Category.SAME_DAY, SUSPENDED, END_PROCEDURE, ACCEPTED, false).to()).isEqualTo(ACCEPTED);
        assertThatThrownBy(() -> CaseStateMachine.move(Category.TIME_LIMITED, SUSPENDED, END_PROCEDURE, IN_REVIEW, true))
                .isInstanceOf(CaseStateMachine.IllegalMove.class).hasMessageContaining("SUPPLEMENT_RECEIVED");
        assertThatThrownBy(() -> CaseStateMachine.move(Category.TIME_LIMITED, SUSPENDED, SUPPLEMENT_RECEIVED, IN_REVIEW, false))
                .isInstanceOf(CaseStateMachine.IllegalMove.class).hasMessageContaining("END_PROCEDURE");
    }

    @Test
    void onlyProxyItemsGoUpstream() {
        assertThat(move(Category.PROXY, ACCEPTED, FORWARD)).isEqualTo(new CaseStateMachine.Move(FORWARDED, ClockEffect.LOCAL_STAGE_END));
        assertThat(move(Category.PROXY, FORWARDED, UPSTREAM_RETURNED)).isEqualTo(new CaseStateMachine.Move(RETURNED, ClockEffect.UPSTREAM_STAGE_END));
        assertThat(move(Category.PROXY, RETURNED, APPROVE).to()).isEqualTo(APPROVED);
        assertThatThrownBy(() -> move(Category.TIME_LIMITED, ACCEPTED, FORWARD)).isInstanceOf(CaseStateMachine.IllegalMove.class)
                .hasMessageContaining("PROXY");
    }

    @Test
    void immediateItemsCloseInTheSameVisit() {
        assertThat(move(Category.IMMEDIATE, ACCEPTED, APPROVE).to()).isEqualTo(APPROVED);
        for (CaseAction action : EnumSet.of(START_REVIEW, REQUEST_SUPPLEMENT, START_PROCEDURE, FORWARD)) {
            assertThatThrownBy(() -> move(Category.IMMEDIATE, ACCEPTED, action)).isInstanceOf(CaseStateMachine.IllegalMove.class);
        }
    }

    @Test
    void finalStatesAllowNothingAndEveryUnlistedMoveIsRefused() {
        for (CaseState state : CaseState.FINAL) {
            for (CaseAction action : CaseAction.values()) {
                assertThatThrownBy(() -> move(Category.TIME_LIMITED, state, action)).isInstanceOf(CaseStateMachine.IllegalMove.class);
            }
            assertThat(CaseStateMachine.allowed(Category.PROXY, state)).isEmpty();
        }
        assertThatThrownBy(() -> move(Category.TIME_LIMITED, SUBMITTED, APPROVE)).hasMessageContaining("allowed: [ACCEPT");
        assertThatThrownBy(() -> move(Category.TIME_LIMITED, APPROVED, REJECT)).isInstanceOf(CaseStateMachine.IllegalMove.class);
        assertThatThrownBy(() -> move(Category.TIME_LIMITED, IN_REVIEW, ACCEPT)).isInstanceOf(CaseStateMachine.IllegalMove.class);
    }

    @Test
    void everyMoveOutsideTheTableIsRefusedAndEveryMoveInItIsAllowed() {
        int refused = 0;
        for (Category category : Category.values()) {
            for (CaseState state : CaseState.values()) {
                var allowed = CaseStateMachine.allowed(category, state);
                for (CaseAction action : CaseAction.values()) {
                    boolean supplement = action == SUPPLEMENT_RECEIVED;
                    if (allowed.contains(action)) {
                        assertThat(CaseStateMachine.move(category, state, action, ACCEPTED, supplement).to()).isNotNull();
                    } else {
                        refused++;
                        assertThatThrownBy(() -> CaseStateMachine.move(category, state, action, ACCEPTED, supplement))
                                .as(category + " " + state + " " + action).isInstanceOf(CaseStateMachine.IllegalMove.class);
                    }
                }
            }
        }
        assertThat(refused).isGreaterThan(150);
    }

    @Test
    void approvalIsForReviewersAcceptanceForClerks() {
        assertThat(CaseStateMachine.roles(APPROVE)).containsExactly("reviewer");
        assertThat(CaseStateMachine.roles(ACCEPT)).containsExactly("clerk");
        assertThat(CaseStateMachine.roles(FORWARD)).containsExactlyInAnyOrder("clerk", "reviewer");
        for (CaseAction action : CaseAction.values()) {
            assertThat(CaseStateMachine.roles(action)).as(action.name()).isNotEmpty();
        }
    }
}
