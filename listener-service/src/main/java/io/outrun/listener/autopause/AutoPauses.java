package io.outrun.listener.autopause;

import io.outrun.events.RunCompleted;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts a trigger's consecutive failed runs from their completions and disables the trigger when
 * they reach its {@code autoPauseAfterFailures} (else the workspace's default). Handling the same
 * completion again changes nothing: {@link FailureCountStore} counts a run once, and a pause this
 * run made already only has its history entry written again.
 */
@Component
class AutoPauses {

  private final FailureCountStore counts;
  private final PauseRecords records;
  private final Clock clock;

  AutoPauses(FailureCountStore counts, PauseRecords records, Clock clock) {
    this.counts = counts;
    this.records = records;
    this.clock = clock;
  }

  Mono<Void> handle(RunCompleted completion) {
    return switch (RunTally.of(completion)) {
      case RunTally.Failed failed -> counts.failed(failed).flatMap(state -> decide(state, failed));
      case RunTally.Completed completed -> counts.completed(completed);
      case RunTally.Ignored ignored -> Mono.empty();
    };
  }

  private Mono<Void> decide(FailureState state, RunTally.Failed failed) {
    Mono<Integer> workspaceDefault =
        state.autoPauseAfterFailures() == null
            ? counts.workspaceDefault(state.workspaceId()).map(Integer::valueOf)
            : Mono.empty();
    return workspaceDefault
        .map(value -> PauseDecision.of(state, failed.runId(), value))
        .defaultIfEmpty(PauseDecision.of(state, failed.runId(), null))
        .flatMap(decision -> act(decision, state, failed));
  }

  private Mono<Void> act(PauseDecision decision, FailureState state, RunTally.Failed failed) {
    return switch (decision) {
      case PauseDecision.Pause pause ->
          counts
              .pause(state, failed.runId(), pause.threshold(), clock.instant())
              .flatMap(
                  paused ->
                      paused
                          ? records.paused(state, failed, pause, clock.instant())
                          : Mono.empty());
      case PauseDecision.PausedByThisRun again -> records.recordedAgain(state, failed);
      case PauseDecision.Keep keep -> Mono.empty();
    };
  }
}
