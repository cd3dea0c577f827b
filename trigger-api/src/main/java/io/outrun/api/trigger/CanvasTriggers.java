package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.workflow.DeployedTriggers;
import io.outrun.api.workflow.ScheduleReset;
import io.outrun.api.workflow.Workflow;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The trigger feature's side of a deploy: trigger nodes checked and synchronised, schedules reset.
 */
@Component
class CanvasTriggers implements DeployedTriggers {

  private final TriggerNodeChecks checks;
  private final TriggerNodeSync sync;
  private final ScheduleReset schedules;

  CanvasTriggers(TriggerNodeChecks checks, TriggerNodeSync sync, ScheduleReset schedules) {
    this.checks = checks;
    this.sync = sync;
    this.schedules = schedules;
  }

  @Override
  public Mono<List<FieldProblem>> check(Workflow workflow) {
    return checks.check(workflow);
  }

  @Override
  public Mono<Void> prepare(Workflow workflow) {
    return sync.synchronise(workflow)
        .then(schedules.resetSchedules(workflow.workspaceId(), workflow.id()));
  }
}
