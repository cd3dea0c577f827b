package io.outrun.listener.datachange;

import com.mongodb.MongoException;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.claimcheck.RunRequestOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * One trigger's change stream, while this replica owns it: each matching change becomes one run
 * request, and the change's resume token is stored only once Kafka acknowledged it. Changes are
 * handled one at a time, in order.
 *
 * <p>The stream opens from the stored position (a token, {@code startAfter} an invalidation, or a
 * time); a trigger without one starts at the present. A position the oplog no longer reaches
 * (ChangeStreamHistoryLost, 286) is a gap: recorded in the trigger's history, and the stream starts
 * again at the present. A dropped or renamed collection ends the stream with {@code invalidate}: a
 * gap too, and the stream goes on {@code startAfter} it, so it sees the collection re-created. Any
 * other failure (Kafka not acknowledging, MongoDB unreachable) reopens the stream from the stored
 * position with backoff; the replayed changes have the same event ids, so no run starts twice.
 */
final class TriggerStream {

  private static final Logger log = LoggerFactory.getLogger(TriggerStream.class);

  static final String REASON_HISTORY_LOST = "history_lost";
  static final String REASON_INVALIDATED = "invalidated";

  /** What the stream handles, one at a time. */
  private sealed interface Item permits Change, Refresh, End {}

  private record Change(Document event) implements Item {}

  private record Refresh() implements Item {}

  private record End() implements Item {}

  private final FireableTrigger trigger;
  private final WatchSpec spec;
  private final StreamDeps deps;
  private final Sinks.Empty<Void> stop = Sinks.empty();
  private volatile boolean stopped;
  private StreamPosition position; // confined to the stream's sequential handling
  private boolean handledSinceRefresh;
  private String ending;

  TriggerStream(FireableTrigger trigger, WatchSpec spec, StreamDeps deps) {
    this.trigger = trigger;
    this.spec = spec;
    this.deps = deps;
  }

  /** Follows the stream until {@link #stop}: never fails, reopens with backoff. */
  Mono<Void> follow() {
    return Mono.defer(this::openOnce)
        .onErrorResume(TriggerStream::historyLost, this::recordHistoryLost)
        .doOnError(this::failed)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, deps.properties().minBackoff())
                .maxBackoff(deps.properties().maxBackoff())
                .transientErrors(true)
                .filter(error -> !stopped))
        .repeatWhen(
            ended ->
                ended
                    .takeWhile(n -> !stopped)
                    .delayElements(deps.properties().minBackoff().dividedBy(10)))
        .then()
        .onErrorResume(error -> Mono.empty());
  }

  /** Stops taking changes; the change being handled finishes (published and its position saved). */
  void stop() {
    stopped = true;
    stop.tryEmitEmpty();
  }

  private Mono<Void> openOnce() {
    if (stopped) {
      return Mono.empty();
    }
    return startingPosition()
        .flatMapMany(
            start -> {
              position = start.position();
              Flux<Item> changes =
                  changes(start).<Item>map(Change::new).concatWith(Mono.just(new End()));
              Flux<Item> refreshes =
                  Flux.interval(deps.properties().positionRefresh())
                      .onBackpressureDrop()
                      .map(tick -> new Refresh());
              return Flux.merge(changes, refreshes)
                  .takeUntil(TriggerStream::endsStream)
                  .takeUntilOther(stop.asMono());
            })
        .concatMap(this::handle)
        // positions are stored one write at a time, the newest acknowledged one winning: under
        // load a write covers many changes; a stream that ends stores its last one first
        .onBackpressureLatest()
        .concatMap(this::store, 1)
        .then();
  }

  /** Where the stream opens: the stored position, or (fresh) the present. */
  private record Start(StreamPosition position, boolean fresh) {}

  /**
   * The stored position if it is in the watched collection; otherwise the stream opens at the
   * server's present, and the position stored first is the present less the clock skew (so a
   * restart before the first change misses nothing).
   */
  private Mono<Start> startingPosition() {
    return deps.positions()
        .find(trigger.triggerId())
        .filter(stored -> spec.namespace().equals(stored.namespace()))
        .map(stored -> new Start(stored, false))
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  Instant now =
                      deps.clock()
                          .instant()
                          .minus(deps.properties().clockSkew())
                          .truncatedTo(ChronoUnit.SECONDS);
                  StreamPosition start = StreamPosition.at(now, spec.namespace());
                  return deps.positions()
                      .save(trigger.triggerId(), start)
                      .thenReturn(new Start(start, true));
                }));
  }

  /**
   * The changes from the start. A fresh start opens at its stored time, which the oplog may not
   * reach when it was trimmed just now: nothing can have been lost then, so it opens at the
   * server's present instead.
   */
  private Flux<Document> changes(Start start) {
    Flux<Document> changes = Flux.from(open(start.position()).withDocumentClass(Document.class));
    if (!start.fresh()) {
      return changes;
    }
    return changes.onErrorResume(
        TriggerStream::historyLost,
        error -> Flux.from(changeStream().withDocumentClass(Document.class)));
  }

  private ChangeStreamPublisher<Document> changeStream() {
    return deps.mongo()
        .getDatabase(spec.database())
        .getCollection(spec.collection())
        .watch(spec.pipeline())
        .fullDocument(FullDocument.UPDATE_LOOKUP);
  }

  private ChangeStreamPublisher<Document> open(StreamPosition from) {
    ChangeStreamPublisher<Document> stream = changeStream();
    return switch (from.kind()) {
      case RESUME -> stream.resumeAfter(PositionProbe.bson(from.token()));
      case START_AFTER -> stream.startAfter(PositionProbe.bson(from.token()));
      case TIME -> stream.startAtOperationTime(PositionProbe.timestamp(from.time()));
    };
  }

  /** The stream's last item: after an invalidation MongoDB sends nothing more on it. */
  private static boolean endsStream(Item item) {
    return item instanceof End
        || (item instanceof Change change && ChangeEvents.isInvalidate(change.event()));
  }

  private Mono<Void> store(StreamPosition next) {
    return deps.positions().save(trigger.triggerId(), next);
  }

  /** Handles one item; emits the position to store after it, if it moves. */
  private Mono<StreamPosition> handle(Item item) {
    return switch (item) {
      case Change change when ChangeEvents.isInvalidate(change.event()) ->
          invalidated(change.event());
      case Change change when ChangeEvents.ends(change.event()) -> {
        ending = ChangeEvents.operationType(change.event());
        yield Mono.empty();
      }
      case Change change -> fire(change.event());
      case Refresh refresh -> refresh();
      case End end -> Mono.empty();
    };
  }

  private Mono<StreamPosition> fire(Document event) {
    Document token = ChangeEvents.token(event);
    RunRequested request = runRequest(event, token);
    StreamPosition next =
        StreamPosition.after(token, ChangeEvents.clusterTime(event), spec.namespace());
    return publish(request, true)
        .doOnError(error -> deps.metrics().notPublished())
        .then(Mono.fromRunnable(() -> acknowledged(request)))
        .then(Mono.fromCallable(() -> moved(next)));
  }

  /**
   * Publishes the request; a payload too large even to store aside (a document near MongoDB's 16 MB
   * limit) is published without {@code fullDocument}, then without {@code documentKey}, so the
   * change still runs once and the stream goes on.
   */
  private Mono<Void> publish(RunRequested request, boolean keepKey) {
    return deps.publisher()
        .publish(request)
        .flatMap(
            outcome -> {
              if (!(outcome instanceof RunRequestOutcome.PayloadTooLarge tooLarge)) {
                return Mono.empty();
              }
              log.warn(
                  "Data-change trigger {}: the change's payload is {} bytes, over {}; running it"
                      + " without its fullDocument{}",
                  trigger.triggerId(),
                  tooLarge.bytes(),
                  tooLarge.limit(),
                  keepKey ? "" : " and documentKey");
              if (!keepKey && !request.triggeredBy().payload().containsKey("documentKey")) {
                return Mono.error(new IllegalStateException("payload too large: " + tooLarge));
              }
              Map<String, Object> smaller =
                  ChangeEvents.omittingLargeFields(request.triggeredBy().payload(), keepKey);
              return publish(request.with(request.triggeredBy().withPayload(smaller)), false);
            });
  }

  private void acknowledged(RunRequested request) {
    deps.metrics().published();
    deps.activity().fired(trigger.triggerId(), request.occurredAt());
  }

  private StreamPosition moved(StreamPosition next) {
    position = next;
    handledSinceRefresh = true;
    return next;
  }

  private RunRequested runRequest(Document event, Document token) {
    TriggeredBy triggeredBy =
        new TriggeredBy(
            TriggerType.DATA_CHANGE,
            trigger.triggerId(),
            "data_change:" + spec.namespace(),
            ChangeEvents.payload(event));
    return RunRequested.of(
        deps.clock().instant(),
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.deployedVersion(),
        false,
        triggeredBy,
        0,
        "data_change",
        trigger.triggerId(),
        ChangeEvents.eventId(token));
  }

  private Mono<StreamPosition> invalidated(Document event) {
    Instant at =
        Optional.ofNullable(ChangeEvents.clusterTime(event)).orElse(deps.clock().instant());
    String what =
        ending == null
            ? "the change stream was invalidated"
            : "the collection had a " + ending + " (the change stream was invalidated)";
    log.warn("Data-change trigger {}: {}; watching on after it", trigger.triggerId(), what);
    deps.metrics().gap(REASON_INVALIDATED);
    StreamPosition next =
        StreamPosition.startAfter(ChangeEvents.token(event), at, spec.namespace());
    ending = null;
    return deps.history()
        .record(
            List.of(
                gap(
                    at,
                    at,
                    "Watching "
                        + spec.namespace()
                        + ": "
                        + what
                        + "; changes "
                        + "to the collection before it was re-created were not seen.")))
        .then(Mono.fromCallable(() -> moved(next)));
  }

  private Mono<StreamPosition> refresh() {
    if (handledSinceRefresh) {
      handledSinceRefresh = false;
      return Mono.empty();
    }
    StreamPosition current = position;
    return PositionProbe.fresher(deps, spec, current)
        .flatMap(Mono::justOrEmpty)
        .doOnNext(next -> position = next)
        .onErrorResume(
            error -> {
              log.debug(
                  "Data-change trigger {}: position not refreshed", trigger.triggerId(), error);
              return Mono.empty();
            });
  }

  private static boolean historyLost(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof MongoException mongo && mongo.getCode() == 286) {
        return true;
      }
    }
    return false;
  }

  private Mono<Void> recordHistoryLost(Throwable error) {
    Instant now = deps.clock().instant();
    StreamPosition lost = position;
    Instant from = lost == null || lost.time() == null ? now : lost.time();
    log.warn(
        "Data-change trigger {}: its stored position ({}) is no longer in the oplog; starting again"
            + " from now, changes in between are lost",
        trigger.triggerId(),
        from);
    deps.metrics().gap(REASON_HISTORY_LOST);
    return deps.history()
        .record(
            List.of(
                gap(
                    from,
                    now,
                    "Watching "
                        + spec.namespace()
                        + ": the stored resume point had fallen off the oplog; changes between "
                        + from
                        + " and "
                        + now
                        + " may have been missed.")))
        .then(deps.positions().delete(trigger.triggerId()));
  }

  private TriggerEvent gap(Instant from, Instant to, String detail) {
    return TriggerEvent.of(
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.triggerId(),
        TriggerEventKind.GAP,
        deps.clock().instant(),
        from,
        to,
        0,
        detail);
  }

  private void failed(Throwable error) {
    deps.metrics().restarted();
    log.warn(
        "Data-change trigger {}: stream on {} failed, reopening from its stored position: {}",
        trigger.triggerId(),
        spec.namespace(),
        error.toString());
  }
}
