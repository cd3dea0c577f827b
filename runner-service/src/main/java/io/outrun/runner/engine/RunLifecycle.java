package io.outrun.runner.engine;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunStarted;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
import io.outrun.runner.store.RunWrites;
import io.outrun.runner.store.StepDocument;
import io.outrun.runner.store.WorkflowStatsStore;
import io.outrun.runner.trace.RunSpan;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Starts and ends runs: their state in the store, their workflow's stats, their events, their
 * metrics. A fresh run is created and started in one write ({@link #begin}); its ending goes
 * through the group commit ({@link RunWrites}) with its workflow's stats.
 */
@Component
class RunLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);

  private final RunStore store;
  private final RunWrites writes;
  private final WorkflowStatsStore stats;
  private final EventPublisher publisher;
  private final RunMeters meters;

  RunLifecycle(
      RunStore store,
      RunWrites writes,
      WorkflowStatsStore stats,
      EventPublisher publisher,
      RunMeters meters) {
    this.store = store;
    this.writes = writes;
    this.stats = stats;
    this.publisher = publisher;
    this.meters = meters;
  }

  /**
   * Creates and starts {@code queued}'s run under {@code lease} in one write and announces its
   * {@link RunStarted} through {@code announcements}; empty, with nothing changed, when the run
   * exists already in another state (the caller then looks at it as it is).
   */
  Mono<RunDocument> begin(
      RunDocument queued, RunDocument.Lease lease, Announcements announcements) {
    return writes
        .begin(queued, lease)
        .doOnNext(
            run -> {
              meters.started(run);
              announcements.send(announce(run));
            });
  }

  /**
   * Starts the run under {@code lease} (see {@link RunStore#start}), in trace {@code traceId} if it
   * was queued; a run that this call started or took over has its {@link RunStarted} announced
   * through {@code announcements} (again, with the same id, when resumed).
   */
  Mono<RunStore.Start> start(
      String runId, String traceId, RunDocument.Lease lease, Announcements announcements) {
    return store
        .start(runId, traceId, lease)
        .doOnNext(
            start -> {
              switch (start) {
                case RunStore.Start.Started(RunDocument run) -> {
                  meters.started(run);
                  announcements.send(announce(run));
                }
                case RunStore.Start.Resumed(RunDocument run) -> {
                  try (var mdc = RunSpan.logging(run.traceId(), run.id())) {
                    log.info("Resuming run {}: the runner executing it stopped", run.id());
                  }
                  announcements.send(announce(run));
                }
                case RunStore.Start.Ended e -> {}
                case RunStore.Start.Held h -> {}
              }
            });
  }

  private Mono<Void> announce(RunDocument run) {
    return publisher.publish(
        RunStarted.of(
            run.startedAt(), run.workspaceId(), run.workflowId(), run.workflowVersion(), run.id()));
  }

  /**
   * Stores the run's final state (and counts it in its workflow's stats, in the same flush), then
   * publishes its completion; {@code steps} are all the run's recorded steps.
   */
  Mono<Void> finish(
      RunDocument run, List<StepDocument> steps, List<String> finalNodeIds, Verdict verdict) {
    return ended(
        writes.finish(run, steps, verdict.status(), verdict.error()), finalNodeIds, Mono.empty());
  }

  /**
   * As {@link #finish(RunDocument, List, List, Verdict)} for an execution: {@code trail}'s steps,
   * its {@link StepTrail#unrecorded} ones stored with the ending and announced once it is stored;
   * the completion is published once everything {@code announcements} sent is acknowledged.
   */
  Mono<Void> finish(
      RunDocument run,
      StepTrail trail,
      List<String> finalNodeIds,
      Verdict verdict,
      Announcements announcements) {
    return ended(
        writes
            .finish(run, trail.steps(), trail.unrecorded(), verdict.status(), verdict.error())
            .doOnNext(stored -> trail.endingStored()),
        finalNodeIds,
        announcements.acknowledged());
  }

  private Mono<Void> ended(
      Mono<RunStore.Ended> ending, List<String> finalNodeIds, Mono<Void> beforeCompletion) {
    return ending
        .doOnNext(
            ended -> {
              if (ended.endedNow()) {
                record(ended.run());
              }
            })
        .flatMap(
            ended ->
                beforeCompletion.then(
                    Mono.defer(
                        () ->
                            ended.counted()
                                ? publish(ended.run(), finalNodeIds)
                                : publishCompletion(ended.run(), finalNodeIds))));
  }

  /**
   * Adds an ended run to its workflow's stats (once per run, however often this is called), then
   * publishes its completion; the same run always gives the same event. Both paths to an ended run
   * come here (ending it, and finding it ended when its request is redelivered), so a runner that
   * dies between ending a run and counting it counts it on redelivery; and the stats are stored
   * before the completion is published, so before the request's offset is committed.
   */
  Mono<Void> publishCompletion(RunDocument ended, List<String> finalNodeIds) {
    return stats.record(ended).then(Mono.defer(() -> publish(ended, finalNodeIds)));
  }

  /**
   * Publishes the completion, with the trace of the run's handling when there is one; one too large
   * for a Kafka record (several final steps with large outputs) is published without its outputs
   * and response, flagged {@code outputsOmitted}: the run document holds them (the claim check of
   * completions, ADR 0005).
   */
  private Mono<Void> publish(RunDocument ended, List<String> finalNodeIds) {
    RunCompleted completion = RunCompletions.of(ended, finalNodeIds);
    return Mono.deferContextual(
        context -> {
          Map<String, String> headers = RunSpan.in(context).map(RunSpan::headers).orElse(Map.of());
          return publisher
              .publishIfFits(completion, headers)
              .flatMap(
                  publication ->
                      switch (publication) {
                        case EventPublisher.Publication.Published p -> Mono.<Void>empty();
                        case EventPublisher.Publication.TooLarge(int bytes, int limit) -> {
                          log.info(
                              "Completion of run {} is {} bytes, over {}: published without outputs",
                              ended.id(),
                              bytes,
                              limit);
                          yield publisher.publish(completion.withoutOutputs(), headers);
                        }
                      });
        });
  }

  /** A run loaded before it had started (queued), now running: counted with its queue wait. */
  private void record(RunDocument ended) {
    try (var mdc = RunSpan.logging(ended.traceId(), ended.id())) {
      log.info(
          "Run {} of workflow {} {}{}",
          ended.id(),
          ended.workflowId(),
          ended.status(),
          ended.error() == null ? "" : ": " + ended.error());
    }
    meters.ended(ended);
  }
}
