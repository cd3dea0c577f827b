package io.outrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCompletedBuilderTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  private static RunCompleted.Builder completion() {
    return RunCompleted.builder()
        .occurredAt(T0)
        .workflow("ws-1", "wf-1", 3)
        .runId("run-1")
        .status(RunOutcome.COMPLETED)
        .triggerType(TriggerType.MANUAL);
  }

  @Test
  void aCompletionIsNamedForItsRunAndHasNothingOptionalUnlessSet() {
    RunCompleted completed = completion().build();

    assertThat(completed.eventId()).isEqualTo(RunCompleted.eventIdFor("run-1"));
    assertThat(completed.test()).isFalse();
    assertThat(completed.chainDepth()).isZero();
    assertThat(completed.durationMs()).isZero();
    assertThat(completed.outputs()).isEmpty();
    assertThat(completed.error()).isNull();
    assertThat(completed.triggerId()).isNull();
    assertThat(completed.response()).isNull();
    assertThat(completed.outputsOmitted()).isNull();
    assertThat(completed.failedNodeId()).isNull();
  }

  @Test
  void eachSetterSetsTheFieldItNames() {
    RunResponse response = new RunResponse("reply", 201, Map.of(), Map.of("id", 7));

    RunCompleted completed =
        completion()
            .eventId("e-1")
            .test(true)
            .status(RunOutcome.FAILED)
            .startedAt(T0.minusSeconds(2))
            .finishedAt(T0)
            .durationMs(2000)
            .error("boom")
            .chainDepth(2)
            .outputs(Map.of("n1", "out"))
            .triggerId("tr-1")
            .response(response)
            .failedNodeId("n2")
            .build();

    assertThat(completed)
        .extracting(
            RunCompleted::eventId,
            RunCompleted::occurredAt,
            RunCompleted::workspaceId,
            RunCompleted::workflowId,
            RunCompleted::workflowVersion,
            RunCompleted::runId,
            RunCompleted::test,
            RunCompleted::status,
            RunCompleted::triggerType,
            RunCompleted::startedAt,
            RunCompleted::finishedAt,
            RunCompleted::durationMs,
            RunCompleted::error,
            RunCompleted::chainDepth,
            RunCompleted::outputs,
            RunCompleted::triggerId,
            RunCompleted::response,
            RunCompleted::failedNodeId)
        .containsExactly(
            "e-1",
            T0,
            "ws-1",
            "wf-1",
            3,
            "run-1",
            true,
            RunOutcome.FAILED,
            TriggerType.MANUAL,
            T0.minusSeconds(2),
            T0,
            2000L,
            "boom",
            2,
            Map.of("n1", "out"),
            "tr-1",
            response,
            "n2");
  }

  @Test
  void aCompletionWithoutItsRunOrStatusIsRefused() {
    assertThatThrownBy(() -> completion().runId(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("runId");
    assertThatThrownBy(() -> completion().status(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("status");
  }
}
