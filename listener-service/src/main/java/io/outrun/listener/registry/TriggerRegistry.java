package io.outrun.listener.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * The triggers that can fire now: enabled triggers of active workflows, loaded at start and kept
 * current from the change streams of {@code triggers} and {@code workflows}. It also knows whose
 * the other triggers are ({@link #known}), so requests to a disabled or inactive one are logged.
 *
 * <p>The streams start at a time taken before the initial load (less a margin for clock skew), and
 * their changes are applied after the load in order, so a write made while loading is never lost.
 * When a stream fails or ends, the registry reports not ready, waits with backoff, and reopens the
 * streams and reloads; it keeps answering from what it knew in the meantime.
 */
@Component
public class TriggerRegistry implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TriggerRegistry.class);

  private final RegistrySource source;
  private final Clock clock;
  private final RegistryProperties properties;
  private final Counter restarts;
  private final FireableTriggers triggers = new FireableTriggers();
  private volatile boolean ready;
  private volatile Disposable following;

  TriggerRegistry(
      RegistrySource source, Clock clock, RegistryProperties properties, MeterRegistry meters) {
    this.source = source;
    this.clock = clock;
    this.properties = properties;
    this.restarts = meters.counter(ListenerMetrics.REGISTRY_RESTARTS);
    Gauge.builder(ListenerMetrics.REGISTRY_READY, this, r -> r.isReady() ? 1 : 0).register(meters);
    Gauge.builder(ListenerMetrics.REGISTRY_FIREABLE, this, TriggerRegistry::fireableCount)
        .register(meters);
  }

  /** The trigger with this id, if it can fire now. */
  public Optional<FireableTrigger> find(String triggerId) {
    return triggers.find(triggerId);
  }

  /**
   * The trigger with this id, fireable or not (disabled, or of an inactive workflow), if it exists:
   * for logging requests to it. Never a reason to fire; that is {@link #find}.
   */
  public Optional<KnownTrigger> known(String triggerId) {
    return triggers.known(triggerId);
  }

  /** The id of the webhook trigger at {@code path} of the workspace, enabled or not. */
  public Optional<String> webhookAt(String workspaceId, String path) {
    return triggers.atPath(workspaceId, path);
  }

  /** The fireable triggers of {@code type}, read without looking at the other types'. */
  public List<FireableTrigger> all(TriggerType type) {
    return triggers.all(type);
  }

  /** How many triggers are fireable. */
  public long fireableCount() {
    return triggers.fireableCount();
  }

  /** True once the change streams are open and the initial load is applied. */
  public boolean isReady() {
    return ready;
  }

  Flux<RegistryChange> follow() {
    return Flux.defer(this::loadThenFollowChanges)
        .doOnNext(this::apply)
        .doOnError(this::streamsFailed)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.minBackoff())
                .maxBackoff(properties.maxBackoff())
                .transientErrors(true));
  }

  private Flux<RegistryChange> loadThenFollowChanges() {
    Instant from = clock.instant().minus(properties.replayMargin());
    // Both are subscribed at once; the changes wait in order until the load is applied.
    return Flux.mergeSequential(source.load(), source.changesSince(from));
  }

  private void apply(RegistryChange change) {
    log.debug("Applying {}", change);
    triggers.apply(change);
    if (change instanceof RegistryChange.Loaded loaded) {
      ready = true;
      log.info(
          "Trigger registry loaded: {} enabled triggers, {} active workflows",
          loaded.triggers().stream().filter(StoredTrigger::enabled).count(),
          loaded.workflows().size());
    }
  }

  private void streamsFailed(Throwable error) {
    ready = false;
    restarts.increment();
    log.warn("Trigger registry lost its change streams; reopening and reloading", error);
  }

  @Override
  public void start() {
    following = follow().subscribe();
  }

  @Override
  public void stop() {
    Disposable current = following;
    if (current != null) {
      current.dispose();
    }
    following = null;
    ready = false;
  }

  @Override
  public boolean isRunning() {
    return following != null;
  }
}
