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
 * a time. A completion is acknowledged (its offset committed with the consumer's next periodic
 * commit) only after its handler has succeeded, so a restart may hand the handler completions it
 * has handled, which it treats as no-ops; one that cannot be handled yet (registry loading, MongoDB
 * or Kafka unreachable) is tried again with backoff, never dropped, holding its partition back.
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
   * @param fetchWait how long the broker may hold a fetch to answer several completions at once
   *     (zero: each as soon as it is written), for a feature that need not react within
   *     milliseconds ({@link EventConsumers#create(String, String, Class, Duration)})
   */
  public record Settings(
      String feature,
      String group,
      boolean enabled,
      Duration minBackoff,
      Duration maxBackoff,
      Duration fetchWait) {}

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
                        .create(
                            settings.group(),
                            Topics.RUN_COMPLETIONS,
                            RunCompleted.class,
                            settings.fetchWait())
                        .receive())
            .concatMap(this::handle)
            .doOnNext(Delivery::acknowledge)
            .doOnError(
                e -> log.warn("Run completions consumer for {} failed; reconnecting", feature(), e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  /** Handles one completion, retrying until it is handled; emits it, to be acknowledged. */
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
