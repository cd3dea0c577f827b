package io.outrun.listener.kafkatopic;

import io.outrun.bus.PublishFailedException;
import io.outrun.bus.RecordDelivery;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * One kafka_topic trigger's consumer on this replica: the records of each partition handled one at
 * a time, in order (a record's offset is marked, and so committed, only after every earlier one of
 * its partition), the partitions concurrently, so a trigger's throughput grows with its partitions
 * rather than being one publish round trip per record for the whole topic. A run request Kafka did
 * not acknowledge is published again, with backoff, holding its record (no offset moves, no
 * rebalance); any other failure (a commit refused after a rebalance, the consumer broke) makes the
 * consumer again from the committed offsets, with backoff. Stopping lets the records under way
 * finish (published and committed) and handles no further one, then closes the consumer, so its
 * partitions go to the group's other members from the committed offsets.
 */
final class TopicConsumer {

  private final FireableTrigger trigger;
  private final RecordPayloads payloads;
  private final RecordFilter filter;
  private volatile boolean stopping;

  /** The handling of each record under way (at most one per partition), failures dropped. */
  private final Set<Mono<Void>> underWay = ConcurrentHashMap.newKeySet();

  private volatile Disposable subscription;

  TopicConsumer(FireableTrigger trigger, RecordPayloads payloads, RecordFilter filter) {
    this.trigger = trigger;
    this.payloads = payloads;
    this.filter = filter;
  }

  FireableTrigger trigger() {
    return trigger;
  }

  RecordPayloads payloads() {
    return payloads;
  }

  RecordFilter filter() {
    return filter;
  }

  /**
   * Subscribes to a consumer's records (a new consumer on each retry), handling each partition's in
   * order and the partitions concurrently.
   */
  void start(
      Supplier<Flux<RecordDelivery>> records,
      BiFunction<TopicConsumer, RecordDelivery, Mono<Void>> handle,
      RetryBackoffSpec retry) {
    Retry publishAgain =
        retry.filter(error -> !stopping && error instanceof PublishFailedException);
    subscription =
        Flux.defer(records)
            .groupBy(RecordDelivery::partition)
            .flatMap(
                partition ->
                    partition.concatMap(
                        record ->
                            stopping
                                ? Mono.<Void>empty()
                                : track(
                                    Mono.defer(() -> handle.apply(this, record))
                                        .retryWhen(publishAgain))),
                // one group per partition assigned, however many: none may wait for another
                Integer.MAX_VALUE)
            .retryWhen(retry)
            .subscribe();
  }

  private Mono<Void> track(Mono<Void> handling) {
    Mono<Void> shared = handling.cache();
    Mono<Void> settled = shared.onErrorResume(error -> Mono.empty());
    underWay.add(settled);
    return shared.doFinally(signal -> underWay.remove(settled));
  }

  /** Completes once the records under way are done (at most {@code patience}) and it is closed. */
  Mono<Void> stop(Duration patience) {
    stopping = true;
    return Mono.when(List.copyOf(underWay))
        .timeout(patience, Mono.empty())
        .then(
            Mono.fromRunnable(
                () -> {
                  Disposable current = subscription;
                  if (current != null) {
                    current.dispose();
                  }
                }));
  }
}
