package io.outrun.listener.datachange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keeps one change stream per fireable data-change trigger whose lease this replica holds: every
 * {@code reconcile-interval} the {@link WatchReconciler} compares the registry with the streams
 * held, and the streams it starts are followed ({@link TriggerStreams}) in the same pipeline, one
 * subscription for them all. Stopping ends the reconciles first, then stops every stream (each
 * finishing the change under way) and releases the leases.
 */
@Component
public class DataChangeWatchers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DataChangeWatchers.class);

  /** The running pipeline, and the signals to stop it and that it stopped. */
  private record Running(Disposable loop, Sinks.Empty<Void> stopping, Sinks.Empty<Void> ended) {}

  private final WatchReconciler reconciler;
  private final TriggerStreams streams;
  private final DataChangeProperties properties;
  private volatile Running running;

  DataChangeWatchers(
      WatchReconciler reconciler,
      TriggerStreams streams,
      DataChangeProperties properties,
      MeterRegistry meters) {
    this.reconciler = reconciler;
    this.streams = streams;
    this.properties = properties;
    Gauge.builder(ListenerMetrics.DATA_CHANGE_WATCHERS, this, w -> w.watching().size())
        .register(meters);
  }

  /** The ids of the triggers whose streams run on this replica. */
  public Set<String> watching() {
    return reconciler.watching();
  }

  /** This replica's lease owner name. */
  public String owner() {
    return reconciler.owner();
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info(
          "Data-change triggers are not watched on this replica (outrun.listener.data-change.enabled=false)");
      return;
    }
    Sinks.Empty<Void> stopping = Sinks.empty();
    Sinks.Empty<Void> ended = Sinks.empty();
    Disposable loop =
        Flux.interval(properties.reconcileInterval())
            .onBackpressureDrop()
            .takeUntilOther(stopping.asMono())
            .concatMap(tick -> reconciler.reconcile().onErrorResume(this::reconcileFailed), 1)
            .concatWith(reconciler.forgetAll().then(Mono.<TriggerStream>empty()))
            .flatMap(streams::follow, Integer.MAX_VALUE)
            .doFinally(signal -> ended.tryEmitEmpty())
            .subscribe();
    running = new Running(loop, stopping, ended);
  }

  private Flux<TriggerStream> reconcileFailed(Throwable error) {
    log.warn("Data-change reconcile failed: {}", error.toString());
    return Flux.empty();
  }

  /** Ends the reconciles, then stops every stream and releases the leases. */
  @Override
  public void stop() {
    Running current = running;
    running = null;
    if (current == null) {
      return;
    }
    current.stopping().tryEmitEmpty();
    Duration patience = properties.stopTimeout().plusSeconds(5);
    current.ended().asMono().timeout(patience).onErrorResume(e -> Mono.empty()).block();
    current.loop().dispose();
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }

  /** Stops before the trigger counts are flushed (lower phases stop later). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
