package io.outrun.listener.dependency;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.RunCompleted;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerActivity;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records what became of a dependent run, in the three places that show it: the trigger's history
 * ({@code trigger_events}: {@code refused}, {@code pending}, then {@code started} or {@code
 * cancelled}), its fire count ({@link TriggerActivity}), and {@code
 * outrun.listener.dependency.starts{outcome}}.
 */
@Component
class DependencyOutcomes {

  private static final Logger log = LoggerFactory.getLogger(DependencyOutcomes.class);

  private final TriggerEvents history;
  private final TriggerActivity activity;
  private final MeterRegistry meters;

  DependencyOutcomes(TriggerEvents history, TriggerActivity activity, MeterRegistry meters) {
    this.history = history;
    this.activity = activity;
    this.meters = meters;
  }

  /** A dependent run requested: a fire of its trigger. */
  void started(String triggerId, Instant now) {
    activity.fired(triggerId, now);
    count(ListenerMetrics.OUTCOME_STARTED);
  }

  /** A dependent run stored to start later, shown as {@code pending} until then. */
  Mono<Void> delayed(TriggerEvent pending) {
    count(ListenerMetrics.OUTCOME_DELAYED);
    return history.record(List.of(pending));
  }

  /** A dependent run not started, with {@code why} in its trigger's history. */
  Mono<Void> refused(FireableTrigger trigger, RunCompleted upstream, String why, Instant now) {
    log.warn(
        "Dependency trigger {}: not starting a run after run {}: {}",
        trigger.triggerId(),
        upstream.runId(),
        why);
    count(ListenerMetrics.OUTCOME_REFUSED);
    String detail =
        "not started after run %s of workflow %s: %s"
            .formatted(upstream.runId(), upstream.workflowId(), why);
    return history.record(
        List.of(
            new TriggerEvent(
                TriggerEvent.id(trigger.triggerId(), TriggerEventKind.REFUSED, upstream.runId()),
                trigger.workspaceId(),
                trigger.workflowId(),
                trigger.triggerId(),
                TriggerEventKind.REFUSED,
                now,
                null,
                null,
                1,
                detail)));
  }

  /** A delayed run requested: its {@code pending} entry becomes {@code started}. */
  Mono<Void> pendingStarted(String historyId, String triggerId, Instant now) {
    return history
        .update(historyId, TriggerEventKind.STARTED, now, null)
        .doOnSuccess(done -> started(triggerId, now));
  }

  /** A delayed run not requested after all: its {@code pending} entry becomes {@code cancelled}. */
  Mono<Void> pendingCancelled(String historyId, Instant now, String detail) {
    count(ListenerMetrics.OUTCOME_CANCELLED);
    return history.update(historyId, TriggerEventKind.CANCELLED, now, detail);
  }

  private void count(String outcome) {
    meters.counter(ListenerMetrics.DEPENDENCY_STARTS, ListenerMetrics.OUTCOME, outcome).increment();
  }
}
