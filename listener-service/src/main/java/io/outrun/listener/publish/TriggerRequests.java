package io.outrun.listener.publish;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;

/**
 * What every trigger's run request has: the trigger's workflow at its deployed version, and the
 * trigger node the trigger stands for (if any), so the runner runs only what that node reaches.
 */
final class TriggerRequests {

  private TriggerRequests() {}

  static RunRequested.Builder of(FireableTrigger trigger, TriggeredBy triggeredBy, Instant now) {
    return RunRequested.builder()
        .workflow(trigger.workspaceId(), trigger.workflowId(), trigger.deployedVersion())
        .triggeredBy(triggeredBy.fromNode(trigger.nodeId()))
        .occurredAt(now);
  }
}
