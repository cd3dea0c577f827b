package io.outrun.listener.datachange;

import io.outrun.listener.datachange.StreamStep.Change;
import io.outrun.listener.datachange.StreamStep.End;
import io.outrun.listener.datachange.StreamStep.Item;
import io.outrun.listener.datachange.StreamStep.Refresh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Follows one trigger's change stream while this replica owns it: each matching change becomes one
 * run request, and the change's resume token is stored only once Kafka acknowledged it. Changes are
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
@Component
class TriggerStreams {

  private static final Logger log = LoggerFactory.getLogger(TriggerStreams.class);

  private final MongoChangeStreams changes;
  private final StreamPositionStore positions;
  private final ChangeRuns runs;
  private final DataChangeIncidents incidents;
  private final DataChangeProperties properties;

  TriggerStreams(
      MongoChangeStreams changes,
      StreamPositionStore positions,
      ChangeRuns runs,
      DataChangeIncidents incidents,
      DataChangeProperties properties) {
    this.changes = changes;
    this.positions = positions;
    this.runs = runs;
    this.incidents = incidents;
    this.properties = properties;
  }

  /**
   * Follows the stream until it is stopped or cancelled: never fails, reopens with backoff, and
   * marks the stream finished when it ends.
   */
  Mono<Void> follow(TriggerStream stream) {
    return Mono.defer(() -> stream.stopped() ? Mono.<Void>empty() : openOnce(stream))
        .doOnError(error -> incidents.failed(stream, error))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.minBackoff())
                .maxBackoff(properties.maxBackoff())
                .transientErrors(true)
                .filter(error -> !stream.stopped()))
        .repeatWhen(
            ended ->
                ended
                    .takeWhile(n -> !stream.stopped())
                    .delayElements(properties.minBackoff().dividedBy(10)))
        .then()
        .onErrorResume(error -> Mono.empty())
        .takeUntilOther(stream.cancelled())
        .doFinally(signal -> stream.markFinished());
  }

  /** Where the stream opens: the stored position, or (fresh) the present. */
  private record Start(StreamPosition position, boolean fresh) {}

  /** One opening of the stream, until it ends, is stopped, or fails. */
  private Mono<Void> openOnce(TriggerStream stream) {
    return start(stream)
        .flatMap(
            start ->
                handleItems(stream, start)
                    .onErrorResume(
                        MongoChangeStreams::historyLost,
                        error ->
                            incidents
                                .historyLost(stream, start.position())
                                .then(positions.delete(stream.triggerId()))));
  }

  /**
   * The stored position if it is in the watched collection; otherwise the present, stored first (so
   * a restart before the first change misses nothing).
   */
  private Mono<Start> start(TriggerStream stream) {
    String namespace = stream.spec().namespace();
    return positions
        .find(stream.triggerId())
        .filter(stored -> namespace.equals(stored.namespace()))
        .map(stored -> new Start(stored, false))
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  StreamPosition present = changes.present(stream.spec());
                  return positions
                      .save(stream.triggerId(), present)
                      .thenReturn(new Start(present, true));
                }));
  }

  /**
   * The stream's changes and refresh ticks, handled one at a time; the positions they move to are
   * stored one write at a time, the newest acknowledged one winning: under load a write covers many
   * changes, and a stream that ends stores its last one first.
   */
  private Mono<Void> handleItems(TriggerStream stream, Start start) {
    Flux<Item> changes =
        changes(stream, start).<Item>map(Change::new).concatWith(Mono.just(new End()));
    Flux<Item> refreshes =
        Flux.interval(properties.positionRefresh()).onBackpressureDrop().map(tick -> new Refresh());
    return Flux.merge(changes, refreshes)
        .takeUntil(StreamStep::endsStream)
        .takeUntilOther(stream.stopping())
        .scan(StreamStep.START, StreamStep::next)
        .skip(1)
        .concatMap(step -> handle(stream, step))
        .onBackpressureLatest()
        .concatMap(position -> positions.save(stream.triggerId(), position), 1)
        .then();
  }

  /**
   * The changes from the start. A fresh start opens at its stored time, which the oplog may not
   * reach when it was trimmed just now: nothing can have been lost then, so it opens at the
   * server's present instead.
   */
  private Flux<ChangeEvent> changes(TriggerStream stream, Start start) {
    Flux<ChangeEvent> fromStart = changes.from(stream.spec(), start.position());
    return start.fresh()
        ? fromStart.onErrorResume(
            MongoChangeStreams::historyLost, error -> changes.fromNow(stream.spec()))
        : fromStart;
  }

  /** Handles one step; emits the position to store after it, if it moves. */
  private Mono<StreamPosition> handle(TriggerStream stream, StreamStep step) {
    return switch (step.item()) {
      case Change(ChangeEvent change) when change.isInvalidate() ->
          incidents.invalidated(stream, change, step.ending());
      case Change(ChangeEvent change) when change.ends() -> Mono.empty();
      case Change(ChangeEvent change) ->
          runs.run(stream, change).thenReturn(change.after(stream.spec().namespace()));
      case Refresh refresh when step.quiet() -> refresh(stream);
      case Refresh refresh -> Mono.empty();
      case End end -> Mono.empty();
    };
  }

  /** A quiet stream's stored position, moved to the present if nothing is pending after it. */
  private Mono<StreamPosition> refresh(TriggerStream stream) {
    return positions
        .find(stream.triggerId())
        .filter(stored -> stream.spec().namespace().equals(stored.namespace()))
        .flatMap(current -> changes.fresher(stream.spec(), current))
        .flatMap(Mono::justOrEmpty)
        .onErrorResume(
            error -> {
              log.debug(
                  "Data-change trigger {}: position not refreshed", stream.triggerId(), error);
              return Mono.empty();
            });
  }
}
