package io.outrun.listener.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RunWaitersTest {

  private final RunWaiters waiters =
      new RunWaiters(new ReplyProperties(2, false, Duration.ofSeconds(30)));

  @Test
  void aCompletionReachesTheRequestWaitingForItsRun() {
    RunWaiters.Waiter waiter = waiters.register("run-1", "wf-1").orElseThrow();

    assertThat(waiters.wants("wf-1")).isTrue();
    assertThat(waiters.wants("wf-2")).isFalse();
    StepVerifier.create(waiter.reply())
        .then(() -> waiters.completed(completed("run-1")))
        .assertNext(reply -> assertThat(reply.runId()).isEqualTo("run-1"))
        .verifyComplete();
  }

  @Test
  void beyondTheLimitNoWaiterIsRegisteredUntilOneCloses() {
    RunWaiters.Waiter first = waiters.register("run-1", "wf-1").orElseThrow();
    waiters.register("run-2", "wf-1").orElseThrow();

    assertThat(waiters.register("run-3", "wf-1")).isEmpty();
    first.close();
    first.close(); // closing twice frees one place only
    Optional<RunWaiters.Waiter> third = waiters.register("run-3", "wf-1");
    assertThat(third).isPresent();
    assertThat(waiters.register("run-4", "wf-1")).isEmpty();
    assertThat(waiters.waiting()).isEqualTo(2);
  }

  @Test
  void closedWaitersLeaveNothingBehind() {
    RunWaiters.Waiter one = waiters.register("run-1", "wf-1").orElseThrow();
    RunWaiters.Waiter again = waiters.register("run-1", "wf-1").orElseThrow();

    one.close();
    assertThat(waiters.wants("wf-1")).isTrue();
    again.close();

    assertThat(waiters.wants("wf-1")).isFalse();
    assertThat(waiters.waiting()).isZero();
  }

  private static RunCompleted completed(String runId) {
    Instant t0 = Instant.parse("2026-03-08T07:00:00Z");
    return RunCompleted.builder()
        .eventId("ev")
        .occurredAt(t0)
        .workflow("ws-1", "wf-1", 1)
        .runId(runId)
        .status(RunOutcome.COMPLETED)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(t0)
        .finishedAt(t0)
        .outputs(Map.of("n", 1))
        .build();
  }
}
