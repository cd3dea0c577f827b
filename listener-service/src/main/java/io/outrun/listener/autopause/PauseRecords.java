package io.outrun.listener.autopause;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEventStore;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records an auto-pause where people see it: the trigger's history ({@code auto_paused}, one entry
 * per pausing run, with the last error), {@code outrun.triggers.auto.paused{trigger_type}} and the
 * log.
 */
@Component
class PauseRecords {

  private static final Logger log = LoggerFactory.getLogger(PauseRecords.class);

  private final TriggerEventStore history;
  private final MeterRegistry meters;

  PauseRecords(TriggerEventStore history, MeterRegistry meters) {
    this.history = history;
    this.meters = meters;
    // at zero from the start, so that the alert's increase() has a series before the first pause
    for (TriggerType type : TriggerConfigs.TYPES) {
      counter(type.wireName());
    }
  }

  private Counter counter(String triggerType) {
    return meters.counter(
        ListenerMetrics.TRIGGERS_AUTO_PAUSED, ListenerMetrics.TRIGGER_TYPE, triggerType);
  }

  /** This replica paused the trigger: counted once, recorded in its history. */
  Mono<Void> paused(
      FailureState state, RunTally.Failed failed, PauseDecision.Pause pause, Instant now) {
    log.warn(
        "Trigger {} of workflow {} disabled after {} consecutive failed runs (limit {}): {}",
        state.triggerId(),
        state.workflowId(),
        pause.failures(),
        pause.threshold(),
        failed.error());
    counter(state.type()).increment();
    return history.record(List.of(entry(state, failed, pause.failures(), now)));
  }

  /** A redelivery of the run that paused the trigger: its entry, in case it was not written. */
  Mono<Void> recordedAgain(FailureState state, RunTally.Failed failed) {
    return history.record(
        List.of(entry(state, failed, state.consecutiveFailures(), failed.finishedAt())));
  }

  private static TriggerEvent entry(
      FailureState state, RunTally.Failed failed, long failures, Instant at) {
    return new TriggerEvent(
        TriggerEvent.id(state.triggerId(), TriggerEventKind.AUTO_PAUSED, failed.runId()),
        state.workspaceId(),
        state.workflowId(),
        state.triggerId(),
        TriggerEventKind.AUTO_PAUSED,
        at,
        null,
        null,
        failures,
        "disabled after %d consecutive failed runs; the last one, run %s: %s"
            .formatted(failures, failed.runId(), failed.error()));
  }
}
