package io.outrun.listener.publish;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A dependent run's request: {@code $trigger} is {@code {upstream: {workflowId, runId, status,
 * finishedAt, outputs, error?}}}, the source the upstream workflow id, and the event id {@code
 * "dependency", triggerId, upstream runId}, so a completion handled twice names the same run.
 */
public final class DependencyRunRequest {

  private DependencyRunRequest() {}

  /**
   * @param depth how many dependency hops led here: the upstream's chain depth plus one
   */
  public static RunRequested of(
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
    return TriggerRequests.of(trigger, triggeredBy, now)
        .chainDepth(depth)
        .idFrom("dependency", trigger.triggerId(), upstream.runId())
        .build();
  }
}
