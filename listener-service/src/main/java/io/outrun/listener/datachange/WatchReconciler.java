package io.outrun.listener.datachange;

import io.outrun.listener.registry.FireableTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which data-change triggers this replica watches: each reconcile compares the registry's
 * data-change triggers (id and config) with the streams held. A new trigger's lease is tried at
 * once, a removed, disabled or paused one's stream stops and its lease is released, a changed one's
 * stream restarts. Leases are renewed (and others' tried) every {@code heartbeat}; a lease this
 * replica could not renew before it expired stops the stream. Reconciles run one at a time; what
 * each knows of a trigger is an immutable {@link Watched}, replaced as it changes.
 */
@Component
class WatchReconciler {

  private static final Logger log = LoggerFactory.getLogger(WatchReconciler.class);

  private static final int LEASE_CONCURRENCY = 16;

  /**
   * One fireable data-change trigger as this replica sees it.
   *
   * @param nextLeaseAttempt when its lease is taken or renewed next
   * @param leaseExpiresAt when the lease this replica holds runs out, if it is not renewed
   * @param stream its stream while this replica holds the lease, else null
   */
  private record Watched(
      FireableTrigger trigger,
      WatchSpec spec,
      Instant nextLeaseAttempt,
      Instant leaseExpiresAt,
      TriggerStream stream) {

    String triggerId() {
      return trigger.triggerId();
    }

    Watched attemptedAt(Instant next) {
      return new Watched(trigger, spec, next, leaseExpiresAt, stream);
    }

    Watched leasedUntil(Instant expiresAt) {
      TriggerStream held = stream != null ? stream : new TriggerStream(trigger, spec);
      return new Watched(trigger, spec, nextLeaseAttempt, expiresAt, held);
    }

    Watched withoutStream() {
      return new Watched(trigger, spec, nextLeaseAttempt, leaseExpiresAt, null);
    }

    /** Whether {@code current} is still this trigger, unchanged (else its stream restarts). */
    boolean same(FireableTrigger current) {
      return current != null
          && current.config().equals(trigger.config())
          && current.deployedVersion() == trigger.deployedVersion()
          && current.workflowId().equals(trigger.workflowId());
    }
  }

  private final WatchableTriggers triggers;
  private final StreamLeaseStore leases;
  private final DataChangeIncidents incidents;
  private final DataChangeProperties properties;
  private final Clock clock;
  private final String owner =
      "listener-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  WatchReconciler(
      WatchableTriggers triggers,
      StreamLeaseStore leases,
      DataChangeIncidents incidents,
      DataChangeProperties properties,
      Clock clock) {
    this.triggers = triggers;
    this.leases = leases;
    this.incidents = incidents;
    this.properties = properties;
    this.clock = clock;
  }

  /** The ids of the triggers whose streams this replica holds. */
  Set<String> watching() {
    return watched.values().stream()
        .filter(w -> w.stream() != null)
        .map(Watched::triggerId)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** This replica's lease owner name. */
  String owner() {
    return owner;
  }

  /** One reconcile; emits the streams it started, for the caller to follow. */
  Flux<TriggerStream> reconcile() {
    Instant now = clock.instant();
    Map<String, FireableTrigger> wanted = triggers.fireable();
    Mono<Void> released =
        Flux.fromIterable(List.copyOf(watched.values()))
            .filter(w -> !w.same(wanted.get(w.triggerId())))
            .concatMap(w -> forget(w, stillWatchable(wanted.get(w.triggerId()))))
            .then();
    return released.thenMany(Flux.defer(() -> leaseDue(wanted, now)));
  }

  /** Stops every stream (each finishing the change under way) and releases their leases. */
  Mono<Void> forgetAll() {
    return Flux.defer(() -> Flux.fromIterable(List.copyOf(watched.values())))
        .flatMap(w -> forget(w, false))
        .then();
  }

  private boolean stillWatchable(FireableTrigger trigger) {
    return trigger != null && triggers.watch(trigger) instanceof WatchSpec.Watchable;
  }

  /** Stops a stream no longer wanted (or changed); releases the lease unless it is still wanted. */
  private Mono<Void> forget(Watched w, boolean stillWanted) {
    watched.remove(w.triggerId());
    Mono<Void> stopped = stop(w.stream());
    return stillWanted
        ? stopped
        : stopped.then(leases.release(w.triggerId(), owner)).onErrorResume(e -> Mono.empty());
  }

  private Flux<TriggerStream> leaseDue(Map<String, FireableTrigger> wanted, Instant now) {
    return Flux.fromIterable(wanted.values())
        .concatMap(this::watchedOrNew)
        .filter(w -> !now.isBefore(w.nextLeaseAttempt()))
        .flatMap(w -> lease(w, now), LEASE_CONCURRENCY);
  }

  /**
   * What this replica knows of the trigger; a trigger seen for the first time is refused or new.
   */
  private Mono<Watched> watchedOrNew(FireableTrigger trigger) {
    Watched existing = watched.get(trigger.triggerId());
    if (existing != null) {
      return Mono.just(existing);
    }
    return switch (triggers.watch(trigger)) {
      case WatchSpec.Watchable(WatchSpec spec) -> {
        incidents.watchable(trigger.triggerId());
        Watched fresh = new Watched(trigger, spec, Instant.MIN, Instant.MIN, null);
        watched.put(trigger.triggerId(), fresh);
        yield Mono.just(fresh);
      }
      case WatchSpec.Refused(String reason) ->
          incidents.refused(trigger, reason).then(Mono.empty());
    };
  }

  /**
   * Takes or renews the lease: held, the trigger's stream runs (emitted if new); lost, it stops.
   */
  private Mono<TriggerStream> lease(Watched w, Instant now) {
    update(w.triggerId(), x -> x.attemptedAt(now.plus(properties.heartbeat())));
    return leases
        .acquire(w.triggerId(), owner, properties.leaseDuration())
        .flatMap(
            held ->
                held
                    ? Mono.justOrEmpty(leased(w.triggerId(), now.plus(properties.leaseDuration())))
                    : stopStream(w.triggerId()).then(Mono.<TriggerStream>empty()))
        .onErrorResume(error -> notRenewed(w, now, error));
  }

  private Mono<TriggerStream> notRenewed(Watched w, Instant now, Throwable error) {
    log.warn("Lease of data-change trigger {} not renewed: {}", w.triggerId(), error.toString());
    Watched current = update(w.triggerId(), x -> x.attemptedAt(now.plus(properties.minBackoff())));
    boolean stillHeld = current != null && clock.instant().isBefore(current.leaseExpiresAt());
    return stillHeld ? Mono.empty() : stopStream(w.triggerId()).then(Mono.empty());
  }

  /** Records the lease; the trigger's stream if this starts it. */
  private Optional<TriggerStream> leased(String triggerId, Instant expiresAt) {
    Watched before = watched.get(triggerId);
    if (before == null) {
      return Optional.empty(); // forgotten meanwhile
    }
    Watched after = before.leasedUntil(expiresAt);
    if (!watched.replace(triggerId, before, after) || after.stream() == before.stream()) {
      return Optional.empty();
    }
    log.info("Watching {} for data-change trigger {}", after.spec().namespace(), triggerId);
    return Optional.of(after.stream());
  }

  private Mono<Void> stopStream(String triggerId) {
    Watched before = watched.get(triggerId);
    if (before == null || before.stream() == null) {
      return Mono.empty();
    }
    return watched.replace(triggerId, before, before.withoutStream())
        ? stop(before.stream())
        : Mono.empty();
  }

  /** Lets the change under way finish, then ends the stream (at most a stop timeout later). */
  private Mono<Void> stop(TriggerStream stream) {
    if (stream == null) {
      return Mono.empty();
    }
    log.info(
        "Stopped watching {} for data-change trigger {}",
        stream.spec().namespace(),
        stream.triggerId());
    stream.stop();
    return stream
        .finished()
        .timeout(properties.stopTimeout())
        .onErrorResume(e -> Mono.fromRunnable(stream::cancel));
  }

  private Watched update(String triggerId, UnaryOperator<Watched> change) {
    return watched.computeIfPresent(triggerId, (id, w) -> change.apply(w));
  }
}
