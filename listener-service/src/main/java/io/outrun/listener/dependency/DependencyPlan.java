package io.outrun.listener.dependency;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.triggers.DependencyConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which dependent runs an ended run starts, and when: one {@link DependentStart} per fireable
 * dependency trigger of the same workspace whose {@code dependsOnWorkflowId} is the ended run's
 * workflow and whose {@code condition} its outcome matches. Test runs start nothing. Pure: the
 * caller passes in the triggers, the limit and the time.
 *
 * <p>A dependent run's event id is {@code "dependency", triggerId, upstream runId}: planning the
 * same completion again (a redelivery, another replica) names the same run. Its chain depth is the
 * upstream's plus one; beyond {@code maxChainDepth} it is not started, which stops a cycle that
 * slipped past trigger-api's validation.
 */
final class DependencyPlan {

  private DependencyPlan() {}

  static List<DependentStart> of(
      RunCompleted upstream, List<FireableTrigger> triggers, int maxChainDepth, Instant now) {
    if (upstream.test()) {
      return List.of();
    }
    return triggers.stream()
        .filter(t -> t.type() == TriggerType.DEPENDENCY)
        .filter(t -> t.workspaceId().equals(upstream.workspaceId()))
        .flatMap(
            t ->
                t.config().as(DependencyConfig.class).stream()
                    .filter(config -> follows(config, upstream))
                    .map(config -> start(t, config, upstream, maxChainDepth, now)))
        .toList();
  }

  private static boolean follows(DependencyConfig config, RunCompleted upstream) {
    return config.dependsOnWorkflowId().equals(upstream.workflowId())
        && config.condition().matches(upstream.status());
  }

  private static DependentStart start(
      FireableTrigger trigger,
      DependencyConfig config,
      RunCompleted upstream,
      int maxChainDepth,
      Instant now) {
    int depth = upstream.chainDepth() + 1;
    if (depth > maxChainDepth) {
      return new DependentStart.TooDeep(trigger, depth, maxChainDepth, now);
    }
    RunRequested request = request(trigger, upstream, depth, now);
    if (config.delayMinutes() == 0) {
      return new DependentStart.Now(trigger, request);
    }
    Instant finished =
        upstream.finishedAt() != null ? upstream.finishedAt() : upstream.occurredAt();
    return new DependentStart.Later(trigger, request, finished.plus(config.delay()));
  }

  /** The downstream run: its payload names the upstream workflow, run, outcome and outputs. */
  static RunRequested request(
      FireableTrigger trigger, RunCompleted upstream, int depth, Instant now) {
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("workflowId", upstream.workflowId());
    named.put("runId", upstream.runId());
    named.put("status", upstream.status().name().toLowerCase(Locale.ROOT));
    named.put(
        "finishedAt", upstream.finishedAt() == null ? null : upstream.finishedAt().toString());
    named.put("outputs", upstream.outputs());
    if (upstream.error() != null) {
      named.put("error", upstream.error());
    }
    TriggeredBy triggeredBy =
        new TriggeredBy(
            TriggerType.DEPENDENCY,
            trigger.triggerId(),
            upstream.workflowId(),
            Map.of("upstream", named));
    return RunRequested.of(
        now,
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.deployedVersion(),
        false,
        triggeredBy,
        depth,
        "dependency",
        trigger.triggerId(),
        upstream.runId());
  }
}
