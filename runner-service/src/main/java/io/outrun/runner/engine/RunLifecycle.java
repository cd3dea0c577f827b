package io.outrun.runner.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunStarted;
import io.outrun.events.TriggerType;
import io.outrun.runner.RunnerMetrics;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
import io.outrun.runner.store.StepDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Starts and ends runs: their state in the store, their events, their metrics. */
@Component
class RunLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);

  private final RunStore store;
  private final EventPublisher publisher;
  private final Clock clock;
  private final MeterRegistry meters;

  RunLifecycle(RunStore store, EventPublisher publisher, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Starts the run under {@code lease} (see {@link RunStore#start}); a run that this call started
   * or took over has its {@link RunStarted} published (again, with the same id, when resumed).
   */
  Mono<RunStore.Start> start(String runId, RunDocument.Lease lease) {
    return store
        .start(runId, lease, clock.instant())
        .flatMap(
            start ->
                switch (start) {
                  case RunStore.Start.Started(RunDocument run) -> announce(run).thenReturn(start);
                  case RunStore.Start.Resumed(RunDocument run) -> {
                    log.info("Resuming run {}: the runner executing it stopped", run.id());
                    yield announce(run).thenReturn(start);
                  }
                  case RunStore.Start.Ended e -> Mono.just(start);
                  case RunStore.Start.Held h -> Mono.just(start);
                });
  }

  private Mono<Void> announce(RunDocument run) {
    return publisher.publish(
        RunStarted.of(
            run.startedAt(), run.workspaceId(), run.workflowId(), run.workflowVersion(), run.id()));
  }

  /** Stores the run's final state, then publishes its completion. */
  Mono<Void> finish(RunDocument run, List<String> finalNodeIds, Verdict verdict) {
    return store
        .finish(run.id(), run.startedAt(), verdict.status(), clock.instant(), verdict.error())
        .doOnNext(
            ended -> {
              if (ended.endedNow()) {
                record(ended.run());
              }
            })
        .flatMap(ended -> publishCompletion(ended.run(), finalNodeIds));
  }

  /** Publishes the completion of an ended run; the same run always gives the same event. */
  Mono<Void> publishCompletion(RunDocument ended, List<String> finalNodeIds) {
    return publisher.publish(completion(ended, finalNodeIds));
  }

  private void record(RunDocument ended) {
    log.info(
        "Run {} of workflow {} {}{}",
        ended.id(),
        ended.workflowId(),
        ended.status(),
        ended.error() == null ? "" : ": " + ended.error());
    meters.counter(RunnerMetrics.RUNS, RunnerMetrics.OUTCOME, ended.status()).increment();
    meters
        .timer(RunnerMetrics.RUN_DURATION, RunnerMetrics.OUTCOME, ended.status())
        .record(Duration.ofMillis(durationMs(ended)));
  }

  static RunCompleted completion(RunDocument ended, List<String> finalNodeIds) {
    return new RunCompleted(
        RunCompleted.eventIdFor(ended.id()),
        ended.finishedAt(),
        ended.workspaceId(),
        ended.workflowId(),
        ended.workflowVersion(),
        ended.id(),
        ended.test(),
        RunOutcome.valueOf(ended.status().toUpperCase(Locale.ROOT)),
        TriggerType.fromWireName(ended.triggeredBy().type()),
        ended.startedAt(),
        ended.finishedAt(),
        durationMs(ended),
        ended.error(),
        ended.chainDepth(),
        outputs(ended, finalNodeIds));
  }

  private static long durationMs(RunDocument ended) {
    return ended.durationMs() == null ? 0 : ended.durationMs();
  }

  private static Map<String, Object> outputs(RunDocument ended, List<String> finalNodeIds) {
    Map<String, Object> outputs = new LinkedHashMap<>();
    ended.steps().stream()
        .filter(StepDocument::completed)
        .filter(step -> finalNodeIds.contains(step.nodeId()))
        .forEach(step -> outputs.put(step.nodeId(), step.output()));
    return outputs;
  }
}
