package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a deploy asks of the trigger feature, which implements it: the workflow's trigger nodes
 * (node types {@code trigger.<type>}, {@code data} the trigger's config) checked as the triggers
 * API checks a trigger, and, just before the workflow becomes active, its trigger documents made to
 * match its trigger nodes and its schedules reset ({@link ScheduleReset}).
 */
public interface DeployedTriggers {

  /** Every problem of the workflow's trigger nodes, each naming its node ({@code nodes[<id>]}). */
  Mono<List<FieldProblem>> check(Workflow workflow);

  /**
   * Creates, updates and disables trigger documents to match the nodes of {@code canvas} (the
   * version about to run); resets schedules. Answers the webhook secrets it generated, each to be
   * shown once.
   */
  Mono<List<NewTriggerSecret>> prepare(Workflow canvas);
}
