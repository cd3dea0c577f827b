package io.outrun.listener.dependency;

import io.outrun.events.RunCompleted;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts the dependent runs of an ended run as {@link DependencyPlan} decides: requested now,
 * stored as a {@link PendingStart} until due ({@code delayMinutes}), or refused (a chain over
 * {@code max-chain-depth}, a payload too large even to store aside), the refusal recorded in the
 * trigger's history.
 */
@Component
public class DependencyStarts {

  private final Dependents dependents;
  private final RunRequestPublisher publisher;
  private final PendingStarts pending;
  private final DependencyOutcomes outcomes;

  DependencyStarts(
      Dependents dependents,
      RunRequestPublisher publisher,
      PendingStarts pending,
      DependencyOutcomes outcomes) {
    this.dependents = dependents;
    this.publisher = publisher;
    this.pending = pending;
    this.outcomes = outcomes;
  }

  /**
   * Starts (or stores, or refuses) every dependent run of {@code completed}; completes once each is
   * on Kafka or stored. Fails while the registry is not loaded: the caller tries again.
   */
  public Mono<Void> handle(RunCompleted completed) {
    if (completed.test()) {
      return Mono.empty();
    }
    return dependents
        .of(completed)
        .flatMapMany(Flux::fromIterable)
        .concatMap(start -> start(start, completed))
        .then();
  }

  private Mono<Void> start(DependentStart start, RunCompleted upstream) {
    return switch (start) {
      case DependentStart.Now(FireableTrigger trigger, var request) ->
          publisher
              .publish(request)
              .flatMap(
                  outcome -> {
                    if (outcome
                        instanceof RunRequestOutcome.PayloadTooLarge(long bytes, long max)) {
                      String why =
                          "its payload would be %d bytes of JSON, over the limit of %d"
                              .formatted(bytes, max);
                      return outcomes.refused(trigger, upstream, why, request.occurredAt());
                    }
                    outcomes.started(trigger.triggerId(), request.occurredAt());
                    return Mono.empty();
                  });
      case DependentStart.Later(FireableTrigger trigger, var request, var dueAt) ->
          pending.store(trigger, request, upstream, dueAt, request.occurredAt());
      case DependentStart.TooDeep(FireableTrigger trigger, int depth, int max, var at) ->
          outcomes.refused(
              trigger,
              upstream,
              "the chain would be %d runs deep, over the limit of %d".formatted(depth, max),
              at);
    };
  }
}
