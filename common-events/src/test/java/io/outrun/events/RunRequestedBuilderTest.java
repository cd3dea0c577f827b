package io.outrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRequestedBuilderTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");
  private static final TriggeredBy BY =
      new TriggeredBy(
          TriggerType.SCHEDULE, "tr-1", "schedule", Map.of("scheduledAt", T0.toString()));

  private final EventCodec codec = new EventCodec();

  @Test
  void buildsTheRequestThePositionalFactoryBuildsAndWritesTheSameJson() {
    RunRequested built =
        RunRequested.builder()
            .workflow("ws-1", "wf-1", 3)
            .triggeredBy(BY)
            .chainDepth(2)
            .occurredAt(T0)
            .idFrom("schedule", "tr-1", T0.toString())
            .build();
    RunRequested positional =
        RunRequested.of(T0, "ws-1", "wf-1", 3, false, BY, 2, "schedule", "tr-1", T0.toString());

    assertThat(built).isEqualTo(positional);
    assertThat(new String(codec.encode(built), StandardCharsets.UTF_8))
        .isEqualTo(new String(codec.encode(positional), StandardCharsets.UTF_8));
  }

  @Test
  void aRequestIsNoTestRunAndAtChainDepthZeroUnlessSet() {
    RunRequested request =
        RunRequested.builder()
            .workflow("ws-1", "wf-1", 1)
            .triggeredBy(BY)
            .occurredAt(T0)
            .idFrom("x")
            .build();

    assertThat(request.test()).isFalse();
    assertThat(request.chainDepth()).isZero();
    assertThat(request.eventId()).isEqualTo(EventIds.of("x"));
    assertThat(request.runId()).isEqualTo(EventIds.runIdFor(request.eventId()));
  }

  @Test
  void aRequestWithoutItsIdPartsOrWorkflowIsRefused() {
    assertThatThrownBy(
            () ->
                RunRequested.builder()
                    .workflow("ws", "wf", 1)
                    .triggeredBy(BY)
                    .occurredAt(T0)
                    .build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("idFrom");
    assertThatThrownBy(
            () -> RunRequested.builder().triggeredBy(BY).occurredAt(T0).idFrom("x").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("workspaceId");
  }

  @Test
  void aReissuedRequestKeepsItsIdsAndTakesTheNewTimeAndVersion() {
    RunRequested first = RunRequested.of(T0, "ws", "wf", 1, false, BY, 1, "dependency", "a");

    RunRequested again = first.reissued(T0.plusSeconds(60), 4);

    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(again.runId()).isEqualTo(first.runId());
    assertThat(again.occurredAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(again.workflowVersion()).isEqualTo(4);
    assertThat(again.chainDepth()).isEqualTo(1);
    assertThat(again.triggeredBy()).isEqualTo(BY);
  }
}
