package io.outrun.listener.publish;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.EventIds;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.ScheduleTimes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each trigger type's run request: its ids, source, payload and chain depth. */
class RunRequestFactoriesTest {

  private static final Instant NOW = Instant.parse("2030-01-15T10:00:00.002Z");

  private static FireableTrigger trigger(TriggerType type) {
    return new FireableTrigger(
        "tr-1", "ws-1", "wf-1", type, stored(type, Map.of()), 3, ScheduleTimes.NONE);
  }

  @Test
  void aWebhookRequestIsNamedForItsDelivery() {
    RunRequested request =
        WebhookRunRequest.of(
            trigger(TriggerType.WEBHOOK),
            "POST /api/webhooks/tr-1",
            "d-1",
            Map.of("method", "POST"),
            NOW);

    assertRequestOf(request, TriggerType.WEBHOOK, "POST /api/webhooks/tr-1");
    assertThat(request.eventId())
        .isEqualTo(EventIds.of("webhook", "tr-1", "d-1"))
        .isEqualTo(WebhookRunRequest.eventId("tr-1", "d-1"));
    assertThat(request.triggeredBy().payload()).isEqualTo(Map.of("method", "POST"));
  }

  @Test
  void aRequestOfATriggerNodesTriggerNamesThatNode() {
    FireableTrigger ofNode =
        new FireableTrigger(
            "tr-1",
            "ws-1",
            "wf-1",
            TriggerType.SCHEDULE,
            stored(TriggerType.SCHEDULE, Map.of()),
            3,
            ScheduleTimes.NONE,
            "nightly");

    RunRequested request = ScheduleRunRequest.of(ofNode, NOW, false, NOW);

    assertThat(request.triggeredBy().nodeId()).isEqualTo("nightly");
    assertThat(
            WebhookRunRequest.of(trigger(TriggerType.WEBHOOK), "POST", "d-1", Map.of(), NOW)
                .triggeredBy()
                .nodeId())
        .isNull();
  }

  @Test
  void aScheduleRequestIsNamedForItsInstantAndSaysWhetherItCatchesUp() {
    Instant scheduledAt = Instant.parse("2030-01-15T10:00:00Z");

    RunRequested request =
        ScheduleRunRequest.of(trigger(TriggerType.SCHEDULE), scheduledAt, true, NOW);

    assertRequestOf(request, TriggerType.SCHEDULE, "schedule");
    assertThat(request.eventId())
        .isEqualTo(EventIds.of("schedule", "tr-1", "2030-01-15T10:00:00Z"));
    assertThat(request.triggeredBy().payload())
        .containsExactly(
            Map.entry("scheduledAt", "2030-01-15T10:00:00Z"), Map.entry("catchUp", true));
  }

  @Test
  void aDataChangeRequestIsNamedForItsChange() {
    RunRequested request =
        DataChangeRunRequest.of(
            trigger(TriggerType.DATA_CHANGE),
            "crm.leads",
            "82AB",
            Map.of("operationType", "insert"),
            NOW);

    assertRequestOf(request, TriggerType.DATA_CHANGE, "data_change:crm.leads");
    assertThat(request.eventId()).isEqualTo(EventIds.of("data_change", "tr-1", "82AB"));
    assertThat(request.triggeredBy().payload()).isEqualTo(Map.of("operationType", "insert"));
  }

  @Test
  void aDependencyRequestIsNamedForTheUpstreamRunAndOneHopDeeper() {
    RunCompleted upstream =
        RunCompleted.builder()
            .eventId("e-1")
            .occurredAt(NOW)
            .workflow("ws-1", "wf-up", 2)
            .runId("run-up")
            .status(RunOutcome.FAILED)
            .triggerType(TriggerType.MANUAL)
            .startedAt(NOW.minusSeconds(5))
            .finishedAt(NOW.minusSeconds(1))
            .durationMs(4000)
            .error("boom")
            .chainDepth(1)
            .outputs(Map.of("n1", "out"))
            .build();

    RunRequested request =
        DependencyRunRequest.of(trigger(TriggerType.DEPENDENCY), upstream, 2, NOW);

    assertRequestOf(request, TriggerType.DEPENDENCY, "wf-up");
    assertThat(request.eventId()).isEqualTo(EventIds.of("dependency", "tr-1", "run-up"));
    assertThat(request.chainDepth()).isEqualTo(2);
    assertThat(request.triggeredBy().payload())
        .isEqualTo(
            Map.of(
                "upstream",
                Map.of(
                    "workflowId", "wf-up",
                    "runId", "run-up",
                    "status", "failed",
                    "finishedAt", NOW.minusSeconds(1).toString(),
                    "outputs", Map.of("n1", "out"),
                    "error", "boom")));
  }

  private static void assertRequestOf(RunRequested request, TriggerType type, String source) {
    assertThat(request.workspaceId()).isEqualTo("ws-1");
    assertThat(request.workflowId()).isEqualTo("wf-1");
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.occurredAt()).isEqualTo(NOW);
    assertThat(request.test()).isFalse();
    assertThat(request.runId()).isEqualTo(EventIds.runIdFor(request.eventId()));
    assertThat(request.triggeredBy().type()).isEqualTo(type);
    assertThat(request.triggeredBy().triggerId()).isEqualTo("tr-1");
    assertThat(request.triggeredBy().source()).isEqualTo(source);
  }
}
