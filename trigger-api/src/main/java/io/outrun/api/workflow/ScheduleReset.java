package io.outrun.api.workflow;

import reactor.core.publisher.Mono;

/**
 * Makes a workflow's schedule triggers start afresh from "now" instead of catching up on the
 * instants they would have fired while the workflow was not active (docs/ARCHITECTURE.md, schedule
 * state). Pausing, undeploying and archiving reset after their status write; resuming, deploying
 * and rolling back before it, so the listener never sees an active workflow with a stale {@code
 * nextRunAt}. The trigger feature implements it.
 */
public interface ScheduleReset {

  Mono<Void> resetSchedules(String workspaceId, String workflowId);
}
