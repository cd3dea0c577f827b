package io.outrun.listener.dependency;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.EventIds;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.ScheduleTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyPlanTest {

  private static final Instant FINISHED = Instant.parse("2026-03-08T07:00:00Z");
  private static final Instant NOW = FINISHED.plusSeconds(2);

  private static RunCompleted completed(RunOutcome status, boolean test, int chainDepth) {
    return RunCompleted.builder()
        .eventId("e-1")
        .occurredAt(NOW)
        .workflow("ws-1", "wf-up", 3)
        .runId("run-1")
        .test(test)
        .status(status)
        .triggerType(TriggerType.MANUAL)
        .startedAt(FINISHED)
        .finishedAt(FINISHED)
        .durationMs(10)
        .chainDepth(chainDepth)
        .outputs(Map.of("n1", "out"))
        .build();
  }

  private static FireableTrigger dependent(String id, String workspace, Map<String, ?> config) {
    return new FireableTrigger(
        id,
        workspace,
        "wf-down",
        TriggerType.DEPENDENCY,
        stored(TriggerType.DEPENDENCY, config),
        2,
        ScheduleTimes.NONE);
  }

  @Test
  void aMatchingTriggerStartsNowARunNamedForTheUpstreamRun() {
    FireableTrigger trigger = dependent("t-1", "ws-1", Map.of("dependsOnWorkflowId", "wf-up"));

    List<DependentStart> plan =
        DependencyPlan.of(completed(RunOutcome.COMPLETED, false, 0), List.of(trigger), 20, NOW);

    assertThat(plan).hasSize(1);
    DependentStart.Now now = (DependentStart.Now) plan.getFirst();
    assertThat(now.request().eventId()).isEqualTo(EventIds.of("dependency", "t-1", "run-1"));
    assertThat(now.request().chainDepth()).isEqualTo(1);
    assertThat(now.request().workflowVersion()).isEqualTo(2);
    assertThat(now.request().triggeredBy().payload())
        .extractingByKey("upstream")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("status", "completed")
        .containsEntry("runId", "run-1");
  }

  @Test
  void aDelayedTriggerIsDueThatLongAfterTheUpstreamFinished() {
    FireableTrigger trigger =
        dependent("t-1", "ws-1", Map.of("dependsOnWorkflowId", "wf-up", "delayMinutes", 15));

    DependentStart start =
        DependencyPlan.of(completed(RunOutcome.COMPLETED, false, 0), List.of(trigger), 20, NOW)
            .getFirst();

    assertThat(start)
        .isInstanceOfSatisfying(
            DependentStart.Later.class,
            later -> assertThat(later.dueAt()).isEqualTo(FINISHED.plus(Duration.ofMinutes(15))));
  }

  @Test
  void onlyTriggersOfTheWorkspaceOnTheUpstreamWorkflowWhoseConditionMatchesFollow() {
    List<FireableTrigger> triggers =
        List.of(
            dependent(
                "on-failure",
                "ws-1",
                Map.of("dependsOnWorkflowId", "wf-up", "condition", "on_failure")),
            dependent(
                "any-end",
                "ws-1",
                Map.of("dependsOnWorkflowId", "wf-up", "condition", "on_completion")),
            dependent("other-workspace", "ws-2", Map.of("dependsOnWorkflowId", "wf-up")),
            dependent("other-upstream", "ws-1", Map.of("dependsOnWorkflowId", "wf-other")),
            dependent("unreadable", "ws-1", Map.of("condition", "on_completion")));

    assertThat(DependencyPlan.of(completed(RunOutcome.CANCELLED, false, 0), triggers, 20, NOW))
        .extracting(start -> start.trigger().triggerId())
        .containsExactly("any-end");
    assertThat(DependencyPlan.of(completed(RunOutcome.FAILED, false, 0), triggers, 20, NOW))
        .extracting(start -> start.trigger().triggerId())
        .containsExactly("on-failure", "any-end");
  }

  @Test
  void aChainOverTheLimitIsNotStartedAndATestRunStartsNothing() {
    FireableTrigger trigger = dependent("t-1", "ws-1", Map.of("dependsOnWorkflowId", "wf-up"));

    assertThat(
            DependencyPlan.of(
                completed(RunOutcome.COMPLETED, false, 20), List.of(trigger), 20, NOW))
        .containsExactly(new DependentStart.TooDeep(trigger, 21, 20, NOW));
    assertThat(
            DependencyPlan.of(completed(RunOutcome.COMPLETED, true, 0), List.of(trigger), 20, NOW))
        .isEmpty();
  }
}
