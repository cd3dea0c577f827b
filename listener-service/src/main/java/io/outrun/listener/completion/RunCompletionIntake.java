package io.outrun.listener.completion;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import io.outrun.service.trace.RequestTraces;
import io.outrun.service.trace.TraceHeaders;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes {@code run-completed} events in one consumer group (shared by all replicas; each feature
 * has its own so that neither holds the other back) and hands each to the feature's handler, one at
 * a time. A completion's offset is committed only after its handler has succeeded; one that cannot
 * be handled yet (registry loading, MongoDB or Kafka unreachable) is tried again with backoff,
 * never dropped, holding its partition back.
 *
 * <p>The handler runs with the completion's {@code traceparent} in its Reactor context ({@link
 * RequestTraces#continuing}), so what it publishes continues the upstream run's trace.
 */
public final class RunCompletionIntake implements SmartLifecycle {

  /**
   * @param feature what the completions are for, in log lines ("dependency triggers")
   * @param group the consumer group
   * @param enabled whether this replica consumes at all
   * @param minBackoff first wait before handling a completion again
   * @param maxBackoff longest wait between such attempts
   */
  public record Settings(
      String feature, String group, boolean enabled, Duration minBackoff, Duration maxBackoff) {}

  private static final Logger log = LoggerFactory.getLogger(RunCompletionIntake.class);

  private final EventConsumers consumers;
  private final Settings settings;
  private final Function<RunCompleted, Mono<?>> handler;
  private volatile Disposable consuming;

  public RunCompletionIntake(
      EventConsumers consumers, Settings settings, Function<RunCompleted, Mono<?>> handler) {
    this.consumers = consumers;
    this.settings = settings;
    this.handler = handler;
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      log.info(
          "Run completions for {} not consumed on this replica (disabled)", settings.feature());
      return;
    }
    consuming =
        Flux.defer(
                () ->
                    consumers
                        .create(settings.group(), Topics.RUN_COMPLETIONS, RunCompleted.class)
                        .receive())
            .concatMap(this::handle)
            .flatMap(this::commit, Integer.MAX_VALUE)
            .doOnError(
                e -> log.warn("Run completions consumer for {} failed; reconnecting", feature(), e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  /** Handles one completion, retrying until it is handled; emits it, to be committed. */
  private Mono<Delivery<RunCompleted>> handle(Delivery<RunCompleted> delivery) {
    RunCompleted completed = delivery.event();
    return Mono.defer(() -> handler.apply(completed))
        .contextWrite(
            context ->
                delivery
                    .header(TraceHeaders.TRACEPARENT)
                    .map(traceparent -> context.putAll(RequestTraces.continuing(traceparent)))
                    .orElse(context))
        .doOnError(
            e ->
                log.warn(
                    "Run {} not handled for {} yet, trying again: {}",
                    completed.runId(),
                    feature(),
                    e.toString()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, settings.minBackoff()).maxBackoff(settings.maxBackoff()))
        .thenReturn(delivery);
  }

  /**
   * Commits a handled completion. The next completion is not held up by it (the commits are a stage
   * of their own, any number under way): a commit completes only on the consumer's next poll (about
   * 100 ms), and waiting for each would hold the partition to ten completions a second. Commits are
   * made in order, so a failed one is covered by the next; at worst a restart redelivers
   * completions already handled, which the handlers must treat as no-ops.
   */
  private Mono<Void> commit(Delivery<RunCompleted> delivery) {
    return delivery
        .commit()
        .onErrorResume(
            e -> {
              log.debug(
                  "Commit of run completion {} for {} failed; a later commit covers it: {}",
                  delivery.event().runId(),
                  feature(),
                  e.toString());
              return Mono.empty();
            });
  }

  private String feature() {
    return settings.feature();
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
