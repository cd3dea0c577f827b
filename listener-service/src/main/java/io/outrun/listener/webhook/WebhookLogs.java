package io.outrun.listener.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.PeriodicFlush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes {@code webhook_logs} without slowing a webhook's answer: {@link #record} only puts the
 * entry in a bounded in-memory queue (when full, the entry is dropped and counted, never waited
 * for; lock-free, since the event loops of several connections record at once and a contended lock
 * there would park a loop), and every {@code flush-interval} everything queued is written with one
 * insert (one bucket document per trigger, see {@link WebhookLogBucket}). A failed write is tried
 * once more at the next flush, together with the new entries, then dropped and counted, so memory
 * stays bounded (at most twice the capacity). At shutdown (after the web server has stopped) what
 * remains is written, waiting at most {@code shutdown-timeout}.
 */
@Component
public class WebhookLogs implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookLogs.class);

  private final Queue<WebhookLogEntry> queue = new ConcurrentLinkedQueue<>();

  /** Entries in {@link #queue}: taken before an entry goes in, given back as one comes out. */
  private final AtomicInteger queued = new AtomicInteger();

  private final int capacity;
  private final WebhookLogStore store;
  private final WebhookLogProperties properties;
  private final Counter written;
  private final Counter failed;
  private final Counter droppedFull;
  private final Counter droppedFailed;
  private final Counter skippedUnknown;

  /** Entries whose write failed once; only touched by the flush, which never runs concurrently. */
  private volatile List<WebhookLogEntry> retry = List.of();

  private final PeriodicFlush schedule;

  WebhookLogs(WebhookLogStore store, WebhookLogProperties properties, MeterRegistry meters) {
    this.store = store;
    this.properties = properties;
    this.schedule = new PeriodicFlush(properties.flushInterval(), this::flush);
    this.capacity = properties.capacity();
    this.written = flushes(meters, ListenerMetrics.OUTCOME_WRITTEN);
    this.failed = flushes(meters, ListenerMetrics.OUTCOME_FAILED);
    this.droppedFull = dropped(meters, ListenerMetrics.REASON_BUFFER_FULL);
    this.droppedFailed = dropped(meters, ListenerMetrics.REASON_WRITE_FAILED);
    this.skippedUnknown = meters.counter(ListenerMetrics.WEBHOOK_LOGS_UNKNOWN_TRIGGER);
    Gauge.builder(ListenerMetrics.WEBHOOK_LOGS_PENDING, queued, AtomicInteger::get)
        .register(meters);
  }

  /** Queues one entry for the next write. Never blocks: when the queue is full it is dropped. */
  void record(WebhookLogEntry entry) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      droppedFull.increment();
      return;
    }
    queue.offer(entry);
  }

  /**
   * Counts a request to a trigger this listener does not know: not stored, since trigger-api only
   * shows the logs of a trigger of the caller's workspace, and nobody could read it.
   */
  void unknownTrigger() {
    skippedUnknown.increment();
  }

  /** Writes what is queued (and what failed last time) in one insert. Never fails itself. */
  Mono<Void> flush() {
    return Mono.defer(
        () -> {
          List<WebhookLogEntry> again = retry;
          retry = List.of();
          List<WebhookLogEntry> fresh = new ArrayList<>();
          for (WebhookLogEntry entry = queue.poll(); entry != null; entry = queue.poll()) {
            queued.decrementAndGet();
            fresh.add(entry);
          }
          if (again.isEmpty() && fresh.isEmpty()) {
            return Mono.empty();
          }
          List<WebhookLogEntry> batch = new ArrayList<>(again.size() + fresh.size());
          batch.addAll(again);
          batch.addAll(fresh);
          return Mono.defer(() -> store.write(batch))
              .doOnSuccess(done -> written.increment())
              .onErrorResume(error -> failedWrite(again, fresh, error));
        });
  }

  private Mono<Void> failedWrite(
      List<WebhookLogEntry> again, List<WebhookLogEntry> fresh, Throwable error) {
    failed.increment();
    droppedFailed.increment(again.size());
    retry = fresh;
    log.warn(
        "Could not write {} webhook log entries; {} dropped, {} retried at the next flush: {}",
        again.size() + fresh.size(),
        again.size(),
        fresh.size(),
        error.toString());
    return Mono.empty();
  }

  int pending() {
    return queued.get() + retry.size();
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
      log.warn("{} webhook log entries not written at shutdown within {}", pending(), timeout);
    }
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }

  /** Stops after the web server (lower phases stop later), so the last requests are logged. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private static Counter flushes(MeterRegistry meters, String outcome) {
    return meters.counter(ListenerMetrics.WEBHOOK_LOGS_FLUSHES, ListenerMetrics.OUTCOME, outcome);
  }

  private static Counter dropped(MeterRegistry meters, String reason) {
    return meters.counter(ListenerMetrics.WEBHOOK_LOGS_DROPPED, ListenerMetrics.REASON, reason);
  }
}
