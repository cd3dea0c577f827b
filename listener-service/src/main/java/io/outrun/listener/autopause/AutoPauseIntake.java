package io.outrun.listener.autopause;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
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
 * Consumes {@code run-completed} events in a consumer group of its own ({@value #GROUP}, shared by
 * all replicas, apart from the dependency triggers' group so that neither holds the other back) and
 * hands each to {@link AutoPauses}, one at a time. A completion's offset is committed only after
 * its count (and any pause) is stored; one that cannot be handled yet is tried again with backoff,
 * never dropped.
 */
@Component
class AutoPauseIntake implements SmartLifecycle {

  static final String GROUP = "outrun-listener-auto-pause";

  private static final Logger log = LoggerFactory.getLogger(AutoPauseIntake.class);

  private final EventConsumers consumers;
  private final AutoPauses autoPauses;
  private final AutoPauseProperties properties;
  private volatile Disposable consuming;

  AutoPauseIntake(EventConsumers consumers, AutoPauses autoPauses, AutoPauseProperties properties) {
    this.consumers = consumers;
    this.autoPauses = autoPauses;
    this.properties = properties;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Auto-pause disabled on this replica (outrun.listener.auto-pause.enabled)");
      return;
    }
    consuming =
        Flux.defer(
                () -> consumers.create(GROUP, Topics.RUN_COMPLETIONS, RunCompleted.class).receive())
            .concatMap(this::handle)
            .flatMap(AutoPauseIntake::commit, Integer.MAX_VALUE)
            .doOnError(e -> log.warn("Auto-pause consumer failed; reconnecting", e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  private Mono<Delivery<RunCompleted>> handle(Delivery<RunCompleted> delivery) {
    RunCompleted completed = delivery.event();
    return Mono.defer(() -> autoPauses.handle(completed))
        .doOnError(
            e ->
                log.warn(
                    "Run {} not counted for its trigger yet, trying again: {}",
                    completed.runId(),
                    e.toString()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.minBackoff())
                .maxBackoff(properties.maxBackoff()))
        .thenReturn(delivery);
  }

  /** Commits in order without waiting for each (as the dependency intake does). */
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

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
