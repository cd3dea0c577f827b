package io.outrun.listener.schedule;

import io.outrun.listener.history.TriggerEventStore;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries out a tick's {@link ScheduleOutcome}s: publishes each schedule's run requests, then, for
 * the schedules Kafka acknowledged, writes their state in one bulk write and their history, and
 * counts what was fired. A schedule whose requests were not acknowledged is left as it was read: it
 * stays due and the next tick tries again.
 */
@Component
class ScheduleFires {

  private static final Logger log = LoggerFactory.getLogger(ScheduleFires.class);

  private static final int CONCURRENCY = 64;

  private final ScheduleStore store;
  private final RunRequestPublisher publisher;
  private final TriggerEventStore history;
  private final TriggerActivity activity;
  private final ScheduleMetrics metrics;

  ScheduleFires(
      ScheduleStore store,
      RunRequestPublisher publisher,
      TriggerEventStore history,
      TriggerActivity activity,
      ScheduleMetrics metrics) {
    this.store = store;
    this.publisher = publisher;
    this.history = history;
    this.activity = activity;
    this.metrics = metrics;
  }

  /**
   * @param tickedAt the tick's time
   * @param startedNanos when the tick started ({@link System#nanoTime}), for its lateness
   */
  Mono<TickReport> carryOut(List<ScheduleOutcome> outcomes, Instant tickedAt, long startedNanos) {
    if (outcomes.isEmpty()) {
      return Mono.just(TickReport.NOTHING);
    }
    return Flux.fromIterable(outcomes)
        .flatMap(
            outcome ->
                publish(outcome).thenReturn(outcome).onErrorResume(e -> notPublished(outcome, e)),
            CONCURRENCY)
        .collectList()
        .flatMap(published -> record(published).thenReturn(published))
        .map(published -> account(published, tickedAt, startedNanos));
  }

  /**
   * Each request in order; the bus fails a publish Kafka does not acknowledge in time. A schedule's
   * payload ({@code scheduledAt}, {@code catchUp}) is never too large, but if one were it would
   * fail too rather than advance the schedule without its run.
   */
  private Mono<Void> publish(ScheduleOutcome outcome) {
    return Flux.fromIterable(outcome.requests())
        .concatMap(
            request ->
                publisher
                    .publish(request)
                    .flatMap(sent -> sent.orFail(t -> new IllegalStateException("" + t))))
        .then();
  }

  private Mono<ScheduleOutcome> notPublished(ScheduleOutcome outcome, Throwable error) {
    log.warn(
        "Schedule trigger {}: run requests not published, the next tick tries again: {}",
        outcome.trigger().triggerId(),
        error.toString());
    return Mono.empty();
  }

  private Mono<Void> record(List<ScheduleOutcome> published) {
    return store
        .advance(published.stream().map(ScheduleOutcome::advance).toList())
        .then(history.record(published.stream().flatMap(o -> o.events().stream()).toList()));
  }

  private TickReport account(List<ScheduleOutcome> published, Instant tickedAt, long started) {
    for (ScheduleOutcome outcome : published) {
      outcome.requests().forEach(r -> activity.fired(outcome.trigger().triggerId(), tickedAt));
    }
    TickReport report = TickReport.of(published);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.record(report, published, tickedAt.plus(took));
    return report;
  }
}
