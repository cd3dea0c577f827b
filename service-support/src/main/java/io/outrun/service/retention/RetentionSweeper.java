package io.outrun.service.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps a service's collections to their retention: at start it creates each rule's TTL index (real
 * MongoDB then removes expired documents itself), and every {@code sweep-interval} (the first one
 * interval after start) it deletes what has expired, which the in-process MongoDB (no TTL monitor)
 * needs and real MongoDB finds already done. Failures are logged and the next sweep tries again;
 * nothing blocks a thread.
 */
public final class RetentionSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

  private final ReactiveMongoTemplate mongo;
  private final RetainedCollections retained;
  private final Duration interval;
  private final Clock clock;
  private volatile Disposable running;

  RetentionSweeper(
      ReactiveMongoTemplate mongo, RetainedCollections retained, Duration interval, Clock clock) {
    this.mongo = mongo;
    this.retained = retained;
    this.interval = interval;
    this.clock = clock;
  }

  /** Deletes every document of the rules' collections that has expired; emits how many. */
  public Mono<Long> sweep() {
    return Flux.fromIterable(retained.rules()).concatMap(this::sweep).reduce(0L, Long::sum);
  }

  private Mono<Long> sweep(RetentionRule rule) {
    Date before = Date.from(rule.expiredBefore(clock.instant()));
    return mongo
        .remove(query(where(rule.field()).lt(before)), rule.collection())
        .map(result -> result.getDeletedCount())
        .onErrorResume(
            e -> {
              log.warn("Retention sweep of {} failed: {}", rule.collection(), e.toString());
              return Mono.just(0L);
            });
  }

  private Mono<Void> indexes() {
    RetentionIndexes indexes = new RetentionIndexes(mongo);
    return Flux.fromIterable(retained.rules())
        .concatMap(
            rule ->
                indexes
                    .ensure(rule)
                    .onErrorResume(
                        e -> {
                          log.warn(
                              "Could not create the retention index of {}: {}",
                              rule.collection(),
                              e.toString());
                          return Mono.empty();
                        }))
        .then();
  }

  @Override
  public void start() {
    Flux<Long> sweeps =
        interval.isZero()
            ? Flux.empty()
            : Flux.interval(interval, interval).concatMap(tick -> sweep());
    running = indexes().thenMany(sweeps).subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    running = null;
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
