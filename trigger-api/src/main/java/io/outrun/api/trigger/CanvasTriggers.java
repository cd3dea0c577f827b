package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.workflow.DeployedTriggers;
import io.outrun.api.workflow.NewTriggerSecret;
import io.outrun.api.workflow.ScheduleReset;
import io.outrun.api.workflow.Workflow;
import io.outrun.triggers.WebhookConfig;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The trigger feature's side of a deploy or rollback: trigger nodes checked and synchronised,
 * {@code sub_workflow} calls checked against the same graph as dependency triggers, schedules
 * reset, and each webhook secret generated meanwhile answered with the trigger's URL, to be shown
 * once.
 */
@Component
class CanvasTriggers implements DeployedTriggers {

  private final TriggerNodeChecks checks;
  private final SubWorkflowChecks calls;
  private final TriggerNodeSync sync;
  private final ScheduleReset schedules;

  private final TriggerProperties properties;

  CanvasTriggers(
      TriggerNodeChecks checks,
      SubWorkflowChecks calls,
      TriggerNodeSync sync,
      ScheduleReset schedules,
      TriggerProperties properties) {
    this.checks = checks;
    this.calls = calls;
    this.sync = sync;
    this.schedules = schedules;
    this.properties = properties;
  }

  @Override
  public Mono<List<FieldProblem>> check(Workflow workflow) {
    return Mono.zip(checks.check(workflow), calls.check(workflow))
        .map(
            found -> {
              List<FieldProblem> problems = new ArrayList<>(found.getT1());
              problems.addAll(found.getT2());
              return problems;
            });
  }

  @Override
  public Mono<List<NewTriggerSecret>> prepare(Workflow canvas) {
    return sync.synchronise(canvas)
        .map(generated -> generated.stream().map(this::shown).toList())
        .flatMap(
            secrets ->
                schedules.resetSchedules(canvas.workspaceId(), canvas.id()).thenReturn(secrets));
  }

  private NewTriggerSecret shown(TriggerNodeSync.Generated generated) {
    Trigger trigger = generated.trigger();
    String path = trigger.config(WebhookConfig.class).map(WebhookConfig::path).orElse(null);
    return new NewTriggerSecret(
        generated.nodeId(),
        trigger.id(),
        properties.webhookUrl(trigger.id()),
        path,
        generated.secret());
  }
}
