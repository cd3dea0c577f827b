package io.outrun.listener.datachange;

import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEventStore;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.triggers.StoredConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What goes wrong for a data-change trigger, logged, counted and, where its user should know,
 * recorded in its history: a trigger that is not watched ({@code refused}, once per config), a
 * stream that may have missed changes ({@code gap}: its position fell off the oplog, or its
 * collection was dropped), a stream that failed and reopens.
 */
@Component
class DataChangeIncidents {

  private static final Logger log = LoggerFactory.getLogger(DataChangeIncidents.class);

  static final String REASON_HISTORY_LOST = "history_lost";
  static final String REASON_INVALIDATED = "invalidated";

  private final TriggerEventStore history;
  private final DataChangeMetrics metrics;
  private final Clock clock;
  private final Map<String, StoredConfig> refused = new ConcurrentHashMap<>();

  DataChangeIncidents(TriggerEventStore history, DataChangeMetrics metrics, Clock clock) {
    this.history = history;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A trigger that cannot be watched: said and recorded once for each config it has. */
  Mono<Void> refused(FireableTrigger trigger, String reason) {
    if (trigger.config().equals(refused.put(trigger.triggerId(), trigger.config()))) {
      return Mono.empty();
    }
    log.warn("Data-change trigger {} is not watched: {}", trigger.triggerId(), reason);
    metrics.refused();
    TriggerEvent event =
        TriggerEvent.of(
            trigger.workspaceId(),
            trigger.workflowId(),
            trigger.triggerId(),
            TriggerEventKind.REFUSED,
            clock.instant(),
            null,
            null,
            0,
            "Not watched: " + reason + ".");
    return history
        .record(List.of(event))
        .onErrorResume(
            error -> {
              log.warn("Refusal not recorded: {}", error.toString());
              return Mono.empty();
            });
  }

  /** The trigger is watched: a later refusal is news again. */
  void watchable(String triggerId) {
    refused.remove(triggerId);
  }

  /**
   * The stream's position ({@code lost}) is no longer in the oplog: changes from its time to now
   * may have been missed.
   */
  Mono<Void> historyLost(TriggerStream stream, StreamPosition lost) {
    Instant now = clock.instant();
    Instant from = lost.time() == null ? now : lost.time();
    log.warn(
        "Data-change trigger {}: its stored position ({}) is no longer in the oplog; starting again"
            + " from now, changes in between are lost",
        stream.triggerId(),
        from);
    return gap(
        stream,
        REASON_HISTORY_LOST,
        from,
        now,
        "the stored resume point had fallen off the oplog; changes between "
            + from
            + " and "
            + now
            + " may have been missed.");
  }

  /**
   * The collection's stream was invalidated ({@code ending}, the drop or rename before it, or
   * null): a gap, and the stream goes on after the invalidation.
   *
   * @return where the stream goes on from
   */
  Mono<StreamPosition> invalidated(TriggerStream stream, ChangeEvent invalidate, String ending) {
    Instant at = Optional.ofNullable(invalidate.clusterTime()).orElse(clock.instant());
    String what =
        ending == null
            ? "the change stream was invalidated"
            : "the collection had a " + ending + " (the change stream was invalidated)";
    log.warn("Data-change trigger {}: {}; watching on after it", stream.triggerId(), what);
    return gap(
            stream,
            REASON_INVALIDATED,
            at,
            at,
            what + "; changes to the collection before it was re-created were not seen.")
        .thenReturn(StreamPosition.startAfter(invalidate.token(), at, stream.spec().namespace()));
  }

  /** The stream failed; it reopens from its stored position. */
  void failed(TriggerStream stream, Throwable error) {
    metrics.restarted();
    log.warn(
        "Data-change trigger {}: stream on {} failed, reopening from its stored position: {}",
        stream.triggerId(),
        stream.spec().namespace(),
        error.toString());
  }

  /** The one way a gap is counted and recorded. */
  private Mono<Void> gap(
      TriggerStream stream, String reason, Instant from, Instant to, String detail) {
    metrics.gap(reason);
    FireableTrigger trigger = stream.trigger();
    return history.record(
        List.of(
            TriggerEvent.of(
                trigger.workspaceId(),
                trigger.workflowId(),
                trigger.triggerId(),
                TriggerEventKind.GAP,
                clock.instant(),
                from,
                to,
                0,
                "Watching " + stream.spec().namespace() + ": " + detail)));
  }
}
