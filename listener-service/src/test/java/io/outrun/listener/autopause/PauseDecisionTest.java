package io.outrun.listener.autopause;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PauseDecisionTest {

  private static FailureState state(boolean enabled, long failures, Integer own, String pausedBy) {
    return new FailureState("t1", "ws", "wf", "schedule", enabled, failures, own, pausedBy, "boom");
  }

  @Test
  void reachingTheTriggersOwnLimitPausesIt() {
    assertThat(PauseDecision.of(state(true, 3, 3, null), "r3", 10))
        .isEqualTo(new PauseDecision.Pause(3, 3));
  }

  @Test
  void belowTheLimitTheTriggerIsKept() {
    assertThat(PauseDecision.of(state(true, 2, 3, null), "r2", null))
        .isInstanceOf(PauseDecision.Keep.class);
  }

  @Test
  void theWorkspaceDefaultAppliesOnlyWithoutAnOwnLimit() {
    assertThat(PauseDecision.of(state(true, 2, null, null), "r2", 2))
        .isEqualTo(new PauseDecision.Pause(2, 2));
    assertThat(PauseDecision.of(state(true, 2, 0, null), "r2", 2))
        .isInstanceOf(PauseDecision.Keep.class);
  }

  @Test
  void noLimitOrZeroNeverPauses() {
    assertThat(PauseDecision.of(state(true, 1000, null, null), "r", null))
        .isInstanceOf(PauseDecision.Keep.class);
    assertThat(PauseDecision.of(state(true, 1000, null, null), "r", 0))
        .isInstanceOf(PauseDecision.Keep.class);
  }

  @Test
  void aDisabledTriggerIsNotPausedAgain() {
    assertThat(PauseDecision.of(state(false, 5, 3, null), "r5", null))
        .isInstanceOf(PauseDecision.Keep.class);
  }

  @Test
  void theRunThatPausedItDeliveredAgainOnlyRecordsItsHistory() {
    assertThat(PauseDecision.of(state(false, 3, 3, "r3"), "r3", null))
        .isInstanceOf(PauseDecision.PausedByThisRun.class);
  }
}
