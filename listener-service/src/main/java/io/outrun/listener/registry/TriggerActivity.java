package io.outrun.listener.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.PeriodicFlush;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps each trigger's {@code triggerCount} and {@code lastTriggeredAt} current without a write per
 * fire: {@link #fired} only counts in memory, and every {@code flush-interval} everything counted
 * is written at once. A failed write puts its counts back for the next one; at shutdown (after the
 * web server has stopped) what remains is written, waiting at most {@code shutdown-timeout}.
 */
@Component
public class TriggerActivity implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TriggerActivity.class);

  private final TriggerFireTally tally = new TriggerFireTally();
  private final TriggerActivityStore store;
  private final TriggerActivityProperties properties;
  private final Counter written;
  private final Counter failed;
  private final PeriodicFlush schedule;

  TriggerActivity(
      TriggerActivityStore store, TriggerActivityProperties properties, MeterRegistry meters) {
    this.store = store;
    this.properties = properties;
    this.schedule = new PeriodicFlush(properties.flushInterval(), this::flush);
    this.written = flushes(meters, ListenerMetrics.OUTCOME_WRITTEN);
    this.failed = flushes(meters, ListenerMetrics.OUTCOME_FAILED);
    Gauge.builder(
            ListenerMetrics.TRIGGER_ACTIVITY_PENDING, tally, TriggerFireTally::pendingTriggers)
        .register(meters);
  }

  /** Counts one fire of the trigger, at the time its run was requested. Never blocks. */
  public void fired(String triggerId, Instant at) {
    tally.record(triggerId, at);
  }

  /** Writes everything counted so far; on failure puts it back. Never fails itself. */
  Mono<Void> flush() {
    return Mono.defer(
        () -> {
          List<TriggerFires> batch = tally.drain();
          if (batch.isEmpty()) {
            return Mono.empty();
          }
          return Mono.defer(() -> store.write(batch))
              .doOnSuccess(done -> written.increment())
              .onErrorResume(error -> putBack(batch, error));
        });
  }

  private Mono<Void> putBack(List<TriggerFires> batch, Throwable error) {
    tally.restore(batch);
    failed.increment();
    log.warn(
        "Could not write the counts of {} triggers; retrying at the next flush: {}",
        batch.size(),
        error.toString());
    return Mono.empty();
  }

  @Override
  public void start() {
    schedule.start();
  }

  /** Lets a write under way finish, then writes what remains, waiting at most the timeout. */
  @Override
  public void stop() {
    Duration timeout = properties.shutdownTimeout();
    if (!schedule.stop(timeout)) {
      log.warn(
          "Trigger counts of {} triggers not written at shutdown within {}",
          tally.pendingTriggers(),
          timeout);
    }
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }

  /** Stops after the web server (lower phases stop later), so the last requests are counted. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private static Counter flushes(MeterRegistry meters, String outcome) {
    return meters.counter(
        ListenerMetrics.TRIGGER_ACTIVITY_FLUSHES, ListenerMetrics.OUTCOME, outcome);
  }
}
