package io.outrun.listener.autopause;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.TriggerType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunTallyTest {

  private static final Instant AT = Instant.parse("2026-03-08T07:00:00Z");

  private static RunCompleted completion(
      RunOutcome outcome, boolean test, String triggerId, String error) {
    return RunCompleted.builder()
        .eventId("e1")
        .occurredAt(AT)
        .workflow("ws", "wf", 1)
        .runId("r1")
        .test(test)
        .status(outcome)
        .triggerType(TriggerType.SCHEDULE)
        .startedAt(AT)
        .finishedAt(AT)
        .error(error)
        .triggerId(triggerId)
        .build();
  }

  @Test
  void aFailedRunOfATriggerIsCountedWithItsError() {
    assertThat(RunTally.of(completion(RunOutcome.FAILED, false, "t1", "boom")))
        .isEqualTo(new RunTally.Failed("t1", "r1", AT, "boom"));
  }

  @Test
  void aCompletedRunEndsTheStreak() {
    assertThat(RunTally.of(completion(RunOutcome.COMPLETED, false, "t1", null)))
        .isEqualTo(new RunTally.Completed("t1", AT));
  }

  @Test
  void testRunsRunsWithoutATriggerAndCancelledRunsCountForNothing() {
    assertThat(RunTally.of(completion(RunOutcome.FAILED, true, "t1", "x")))
        .isInstanceOf(RunTally.Ignored.class);
    assertThat(RunTally.of(completion(RunOutcome.FAILED, false, null, "x")))
        .isInstanceOf(RunTally.Ignored.class);
    assertThat(RunTally.of(completion(RunOutcome.CANCELLED, false, "t1", null)))
        .isInstanceOf(RunTally.Ignored.class);
  }

  @Test
  void aHugeErrorIsShortened() {
    RunTally tally = RunTally.of(completion(RunOutcome.FAILED, false, "t1", "e".repeat(10_000)));
    assertThat(((RunTally.Failed) tally).error()).hasSize(503);
  }
}
