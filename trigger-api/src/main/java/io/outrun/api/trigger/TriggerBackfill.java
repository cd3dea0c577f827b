package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.triggers.ScheduleConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST .../{triggerId}/backfill {"from", "to"}}: one run of the deployed version per instant
 * the schedule would have fired in {@code [from, to]}, each requested exactly as the listener's
 * tick requests it (event id {@code "schedule", triggerId, instant}), so an instant the schedule
 * already ran names the same run and the runner starts nothing new. Answers once Kafka has
 * acknowledged every request; a range holding more than {@code backfill-max-runs} instants is
 * refused whole.
 */
@Service
class TriggerBackfill {

  static final String SOURCE = "backfill";

  /** The run ids, in scheduled order. */
  record Backfilled(List<String> runIds, int count) {}

  private final TriggerService triggers;
  private final WorkflowService workflows;
  private final TriggerFiring firing;
  private final BackfillProperties properties;
  private final Clock clock;

  TriggerBackfill(
      TriggerService triggers,
      WorkflowService workflows,
      TriggerFiring firing,
      BackfillProperties properties,
      Clock clock) {
    this.triggers = triggers;
    this.workflows = workflows;
    this.firing = firing;
    this.properties = properties;
    this.clock = clock;
  }

  Mono<Backfilled> backfill(
      CurrentUser user, String workflowId, String triggerId, Map<String, Object> body) {
    return triggers
        .get(user, workflowId, triggerId)
        .zipWith(workflows.find(user, workflowId))
        .publishOn(Schedulers.parallel()) // counting a long cron range takes up to ~0.2 s of CPU
        .map(found -> requests(found.getT1(), found.getT2(), body, clock.instant()))
        .flatMap(requests -> publish(triggerId, requests));
  }

  private List<RunRequested> requests(
      Trigger trigger, Workflow workflow, Map<String, Object> body, Instant now) {
    if (!trigger.is(TriggerType.SCHEDULE)) {
      throw ProblemException.invalid(
          "Only schedule triggers can be backfilled; this one is a "
              + trigger.type().wireName()
              + " trigger.");
    }
    BackfillRange range = BackfillRange.parse(body, now);
    ScheduleConfig schedule =
        trigger
            .config(ScheduleConfig.class)
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "This schedule cannot be backfilled: its stored config cannot be read."));
    List<Instant> instants = instants(schedule, trigger.nextRunAt(), range);
    TriggerFiring.requireActive(workflow);
    return instants.stream().map(instant -> request(workflow, trigger, instant, now)).toList();
  }

  private List<Instant> instants(ScheduleConfig schedule, Instant nextRunAt, BackfillRange range) {
    int cap = properties.backfillMaxRuns();
    return switch (BackfillInstants.between(schedule, nextRunAt, range.from(), range.to(), cap)) {
      case BackfillInstants.Result.Instants(List<Instant> instants) -> instants;
      case BackfillInstants.Result.TooMany(long count, boolean atLeast) -> {
        String holds = (atLeast ? "at least " : "") + count;
        String message =
            "the range holds "
                + holds
                + " scheduled instants, more than the "
                + cap
                + " one backfill may run; split it into smaller ranges";
        throw ProblemException.invalid(
                "The backfill range holds "
                    + holds
                    + " scheduled instants; at most "
                    + cap
                    + " can be backfilled at once.",
                List.of(new FieldProblem("to", message)))
            .with("instants", count)
            .with("maxRuns", cap);
      }
    };
  }

  private static RunRequested request(
      Workflow workflow, Trigger trigger, Instant scheduledAt, Instant now) {
    String instant = scheduledAt.toString();
    TriggeredBy by =
        new TriggeredBy(
                TriggerType.SCHEDULE,
                trigger.id(),
                SOURCE,
                Map.of("scheduledAt", instant, "backfill", true))
            .fromNode(trigger.nodeId());
    return RunRequested.builder()
        .workflow(workflow.workspaceId(), workflow.id(), workflow.deployedVersion())
        .triggeredBy(by)
        .occurredAt(now)
        .idFrom("schedule", trigger.id(), instant)
        .build();
  }

  /** Every request, at most {@code backfill-concurrency} at a time, in scheduled order. */
  private Mono<Backfilled> publish(String triggerId, List<RunRequested> requests) {
    return Flux.fromIterable(requests)
        .flatMapSequential(
            request -> firing.accept(request).thenReturn(request.runId()),
            properties.backfillConcurrency())
        .collectList()
        .flatMap(
            runIds ->
                triggers
                    .countFired(triggerId, runIds.size(), clock.instant())
                    .thenReturn(new Backfilled(runIds, runIds.size())));
  }
}
