package io.outrun.listener.dependency;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import io.outrun.service.trace.RequestTraces;
import io.outrun.service.trace.TraceHeaders;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes {@code run-completed} events (consumer group {@value #GROUP}, all replicas share it) and
 * hands each to {@link DependencyStarts}, one at a time. A completion's offset is committed only
 * after its dependent runs are on Kafka or stored; one that cannot be handled yet (registry
 * loading, MongoDB or Kafka unreachable) is tried again with backoff, never dropped, holding its
 * partition back.
 *
 * <p>A dependent run started at once continues the upstream run's trace: the completion's {@code
 * traceparent} is handed to the publisher in the Reactor context ({@link
 * RequestTraces#continuing}). A delayed start, published later from its stored entry, begins a new
 * trace.
 */
@Component
class DependencyIntake implements SmartLifecycle {

  static final String GROUP = "outrun-listener-dependencies";

  private static final Logger log = LoggerFactory.getLogger(DependencyIntake.class);

  private final EventConsumers consumers;
  private final DependencyStarts starts;
  private final PendingStartStore pendingStore;
  private final DependencyProperties properties;
  private volatile Disposable consuming;

  DependencyIntake(
      EventConsumers consumers,
      DependencyStarts starts,
      PendingStartStore pendingStore,
      DependencyProperties properties) {
    this.consumers = consumers;
    this.starts = starts;
    this.pendingStore = pendingStore;
    this.properties = properties;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Dependency triggers disabled on this replica (outrun.listener.dependency.enabled)");
      return;
    }
    pendingStore
        .createIndexes()
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
        .subscribe(null, e -> log.warn("pending_starts index not created: {}", e.toString()));
    consuming =
        Flux.defer(
                () -> consumers.create(GROUP, Topics.RUN_COMPLETIONS, RunCompleted.class).receive())
            .concatMap(this::handle)
            .flatMap(DependencyIntake::commit, Integer.MAX_VALUE)
            .doOnError(e -> log.warn("Run completions consumer failed; reconnecting", e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  /** Handles one completion, retrying until it is handled; emits it, to be committed. */
  private Mono<Delivery<RunCompleted>> handle(Delivery<RunCompleted> delivery) {
    RunCompleted completed = delivery.event();
    return Mono.defer(() -> starts.handle(completed))
        .contextWrite(
            context ->
                delivery
                    .header(TraceHeaders.TRACEPARENT)
                    .map(traceparent -> context.putAll(RequestTraces.continuing(traceparent)))
                    .orElse(context))
        .doOnError(
            e ->
                log.warn(
                    "Dependents of run {} not started yet, trying again: {}",
                    completed.runId(),
                    e.toString()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.minBackoff())
                .maxBackoff(properties.maxBackoff()))
        .thenReturn(delivery);
  }

  /**
   * Commits a handled completion. The next completion is not held up by it (the commits are a stage
   * of their own, any number under way): a commit completes only on the consumer's next poll (about
   * 100 ms), and waiting for each would hold the partition to ten completions a second. Commits are
   * made in order, so a failed one is covered by the next; at worst a restart redelivers
   * completions already handled, which start nothing twice.
   */
  private static Mono<Void> commit(Delivery<RunCompleted> delivery) {
    return delivery
        .commit()
        .onErrorResume(
            e -> {
              log.debug(
                  "Commit of run completion {} failed; a later commit covers it: {}",
                  delivery.event().runId(),
                  e.toString());
              return Mono.empty();
            });
  }

  @Override
  public void stop() {
    Disposable current = consuming;
    consuming = null;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return consuming != null;
  }

  /** Stops before the trigger counts are flushed (lower phases stop later). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
