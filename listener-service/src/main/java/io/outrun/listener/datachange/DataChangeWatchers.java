package io.outrun.listener.datachange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.triggers.StoredConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps one {@link TriggerStream} per fireable data-change trigger whose lease this replica holds.
 * Every {@code reconcile-interval} it compares the registry's data-change triggers (id and config)
 * with the streams it runs: a new trigger's lease is tried at once, a removed, disabled or paused
 * one's stream stops and its lease is released, a changed one's stream restarts. Leases are renewed
 * (and others' tried) every {@code heartbeat}; a lease this replica could not renew before it
 * expired stops the stream. One reconcile runs at a time.
 */
@Component
public class DataChangeWatchers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DataChangeWatchers.class);

  /** One fireable data-change trigger as this replica sees it. */
  private static final class Watched {
    final FireableTrigger trigger;
    final WatchSpec spec;
    Instant nextLeaseAttempt = Instant.MIN;
    Instant leaseExpiresAt = Instant.MIN;
    TriggerStream stream;
    Mono<Void> done = Mono.empty();
    Disposable running;

    Watched(FireableTrigger trigger, WatchSpec spec) {
      this.trigger = trigger;
      this.spec = spec;
    }
  }

  private final TriggerRegistry registry;
  private final StreamLeases leases;
  private final TriggerEvents history;
  private final StreamDeps deps;
  private final String ownDatabase;
  private final String owner =
      "listener-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final Map<String, StoredConfig> refused = new ConcurrentHashMap<>();
  private volatile Disposable loop;

  DataChangeWatchers(
      TriggerRegistry registry,
      StreamLeases leases,
      TriggerEvents history,
      StreamDeps deps,
      MeterRegistry meters,
      @Value("${spring.mongodb.database:outrun}") String ownDatabase) {
    this.registry = registry;
    this.leases = leases;
    this.history = history;
    this.deps = deps;
    this.ownDatabase = ownDatabase;
    Gauge.builder(ListenerMetrics.DATA_CHANGE_WATCHERS, this, w -> w.watching().size())
        .register(meters);
  }

  /** The ids of the triggers whose streams run on this replica. */
  public Set<String> watching() {
    return watched.values().stream()
        .filter(w -> w.running != null)
        .map(w -> w.trigger.triggerId())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** This replica's lease owner name. */
  public String owner() {
    return owner;
  }

  Mono<Void> reconcile() {
    Instant now = deps.clock().instant();
    Map<String, FireableTrigger> wanted = new HashMap<>();
    for (FireableTrigger trigger : registry.all()) {
      if (trigger.type() == TriggerType.DATA_CHANGE) {
        wanted.put(trigger.triggerId(), trigger);
      }
    }
    Mono<Void> released =
        Flux.fromIterable(List.copyOf(watched.values()))
            .filter(w -> !sameTrigger(w, wanted.get(w.trigger.triggerId())))
            .concatMap(w -> forget(w, stillWatchable(wanted.get(w.trigger.triggerId()))))
            .then();
    return released.then(Mono.defer(() -> leaseDue(wanted, now)));
  }

  private boolean stillWatchable(FireableTrigger trigger) {
    return trigger != null && WatchSpec.of(trigger, ownDatabase) instanceof WatchSpec.Watchable;
  }

  private static boolean sameTrigger(Watched w, FireableTrigger trigger) {
    return trigger != null
        && trigger.config().equals(w.trigger.config())
        && trigger.deployedVersion() == w.trigger.deployedVersion()
        && trigger.workflowId().equals(w.trigger.workflowId());
  }

  /** Stops a stream no longer wanted (or changed); releases the lease unless it is still wanted. */
  private Mono<Void> forget(Watched w, boolean stillWanted) {
    watched.remove(w.trigger.triggerId());
    Mono<Void> stopped = stopStream(w);
    return stillWanted
        ? stopped
        : stopped
            .then(leases.release(w.trigger.triggerId(), owner))
            .onErrorResume(e -> Mono.empty());
  }

  private Mono<Void> leaseDue(Map<String, FireableTrigger> wanted, Instant now) {
    List<Watched> due =
        wanted.values().stream()
            .map(this::watchedOrNew)
            .filter(w -> w != null && !now.isBefore(w.nextLeaseAttempt))
            .toList();
    return Flux.fromIterable(due).flatMap(w -> lease(w, now), 16).then();
  }

  private Watched watchedOrNew(FireableTrigger trigger) {
    Watched existing = watched.get(trigger.triggerId());
    if (existing != null) {
      return existing;
    }
    return switch (WatchSpec.of(trigger, ownDatabase)) {
      case WatchSpec.Watchable(WatchSpec spec) -> {
        refused.remove(trigger.triggerId());
        Watched w = new Watched(trigger, spec);
        watched.put(trigger.triggerId(), w);
        yield w;
      }
      case WatchSpec.Refused(String reason) -> {
        refuse(trigger, reason);
        yield null;
      }
    };
  }

  private Mono<Void> lease(Watched w, Instant now) {
    Duration heartbeat = deps.properties().heartbeat();
    w.nextLeaseAttempt = now.plus(heartbeat);
    return leases
        .acquire(w.trigger.triggerId(), owner, deps.properties().leaseDuration())
        .flatMap(
            held -> {
              if (held) {
                w.leaseExpiresAt = now.plus(deps.properties().leaseDuration());
                startStream(w);
                return Mono.<Void>empty();
              }
              return stopStream(w);
            })
        .onErrorResume(
            error -> {
              log.warn(
                  "Lease of data-change trigger {} not renewed: {}",
                  w.trigger.triggerId(),
                  error.toString());
              w.nextLeaseAttempt = now.plus(deps.properties().minBackoff());
              return deps.clock().instant().isBefore(w.leaseExpiresAt)
                  ? Mono.empty()
                  : stopStream(w);
            });
  }

  private void startStream(Watched w) {
    if (w.running != null || watched.get(w.trigger.triggerId()) != w) {
      return;
    }
    log.info("Watching {} for data-change trigger {}", w.spec.namespace(), w.trigger.triggerId());
    TriggerStream stream = new TriggerStream(w.trigger, w.spec, deps);
    Mono<Void> done = stream.follow().cache();
    w.stream = stream;
    w.done = done;
    w.running = done.subscribe();
  }

  /** Lets the change under way finish, then ends the stream (at most a publish timeout later). */
  private Mono<Void> stopStream(Watched w) {
    TriggerStream stream = w.stream;
    Disposable running = w.running;
    Mono<Void> done = w.done;
    w.stream = null;
    w.running = null;
    w.done = Mono.empty();
    if (stream == null) {
      return Mono.empty();
    }
    log.info(
        "Stopped watching {} for data-change trigger {}",
        w.spec.namespace(),
        w.trigger.triggerId());
    stream.stop();
    return done.timeout(deps.properties().stopTimeout())
        .onErrorResume(e -> Mono.fromRunnable(running::dispose));
  }

  private void refuse(FireableTrigger trigger, String reason) {
    if (trigger.config().equals(refused.put(trigger.triggerId(), trigger.config()))) {
      return; // said already
    }
    log.warn("Data-change trigger {} is not watched: {}", trigger.triggerId(), reason);
    deps.metrics().refused();
    TriggerEvent event =
        TriggerEvent.of(
            trigger.workspaceId(),
            trigger.workflowId(),
            trigger.triggerId(),
            TriggerEventKind.REFUSED,
            deps.clock().instant(),
            null,
            null,
            0,
            "Not watched: " + reason + ".");
    history
        .record(List.of(event))
        .subscribe(null, e -> log.warn("Refusal not recorded: {}", e.toString()));
  }

  @Override
  public void start() {
    if (!deps.properties().enabled()) {
      log.info(
          "Data-change triggers are not watched on this replica (outrun.listener.data-change.enabled=false)");
      return;
    }
    loop =
        Flux.interval(deps.properties().reconcileInterval())
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    reconcile()
                        .onErrorResume(
                            error -> {
                              log.warn("Data-change reconcile failed: {}", error.toString());
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  /** Stops every stream (each finishing the change under way) and releases their leases. */
  @Override
  public void stop() {
    Disposable current = loop;
    loop = null;
    if (current == null) {
      return;
    }
    current.dispose();
    Flux.fromIterable(List.copyOf(watched.values()))
        .flatMap(w -> forget(w, false))
        .then()
        .block(deps.properties().stopTimeout().plusSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }

  /** Stops before the trigger counts are flushed (lower phases stop later). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
