package io.outrun.service.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
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
  private final WorkspaceRetentions workspaces;
  private volatile Disposable running;

  RetentionSweeper(
      ReactiveMongoTemplate mongo, RetainedCollections retained, Duration interval, Clock clock) {
    this.mongo = mongo;
    this.retained = retained;
    this.interval = interval;
    this.clock = clock;
    this.workspaces = new WorkspaceRetentions(mongo);
  }

  /** Deletes every document of the rules' collections that has expired; emits how many. */
  public Mono<Long> sweep() {
    return Flux.fromIterable(retained.rules()).concatMap(this::sweep).reduce(0L, Long::sum);
  }

  /**
   * A rule's sweep: for a rule workspaces may override, each overriding workspace's documents by
   * its own cutoff, then every other workspace's by the rule's; else all by the rule's.
   */
  private Mono<Long> sweep(RetentionRule rule) {
    Instant now = clock.instant();
    Mono<Long> swept =
        rule.workspaceOverride() == null
            ? remove(rule, where(rule.field()).lt(Date.from(rule.expiredBefore(now))))
            : workspaces
                .overrides(rule.workspaceOverride())
                .flatMap(overrides -> sweepByWorkspace(rule, overrides, now));
    return swept.onErrorResume(
        e -> {
          log.warn("Retention sweep of {} failed: {}", rule.collection(), e.toString());
          return Mono.just(0L);
        });
  }

  private Mono<Long> sweepByWorkspace(
      RetentionRule rule, Map<String, Duration> overrides, Instant now) {
    Criteria others =
        where("workspaceId")
            .nin(overrides.keySet())
            .and(rule.field())
            .lt(Date.from(rule.expiredBefore(now)));
    return Flux.fromIterable(overrides.entrySet())
        .concatMap(
            override ->
                remove(
                    rule,
                    where("workspaceId")
                        .is(override.getKey())
                        .and(rule.field())
                        .lt(Date.from(now.minus(override.getValue())))))
        .concatWith(remove(rule, others))
        .reduce(0L, Long::sum);
  }

  private Mono<Long> remove(RetentionRule rule, Criteria expired) {
    return ExpiredDocuments.remove(mongo, rule.collection(), expired);
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
