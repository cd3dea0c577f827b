package io.outrun.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Gathers items and hands them to {@code flush} in batches (group commit): one flush at a time,
 * each of at most {@code maxBatch} items in arrival order, a flush starting at most once per {@code
 * linger} unless its batch is full. An item reaching an idle committer goes at once; items that
 * arrive while a flush is under way, or within {@code linger} of its start, wait for the next. So a
 * lone item is not delayed, and under load every flush carries many items: the flushes per second
 * stay bounded however many items come. {@code flush} answers each of its items itself; a failure
 * it lets through is dropped and the committer goes on.
 */
public final class GroupCommit<T> {

  private final int maxBatch;
  private final Duration linger;
  private final Scheduler timer;
  private final Function<List<T>, Mono<Void>> flush;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private boolean flushing;
  private Disposable scheduled;
  private long lastStartNanos;

  public GroupCommit(
      int maxBatch, Duration linger, Scheduler timer, Function<List<T>, Mono<Void>> flush) {
    this.maxBatch = maxBatch;
    this.linger = linger;
    this.timer = timer;
    this.flush = flush;
    this.lastStartNanos = timer.now(TimeUnit.NANOSECONDS) - linger.toNanos();
  }

  /** Queues {@code item} for a coming flush. */
  public void add(T item) {
    List<T> batch;
    synchronized (this) {
      queue.addLast(item);
      batch = nextBatch();
    }
    start(batch);
  }

  /** Items queued and not yet flushing. */
  public synchronized int queued() {
    return queue.size();
  }

  /** The batch to flush now, or null (then a timer is set if one is due). Under the lock. */
  private List<T> nextBatch() {
    if (flushing || queue.isEmpty()) {
      return null;
    }
    long waitNanos = linger.toNanos() - (timer.now(TimeUnit.NANOSECONDS) - lastStartNanos);
    if (queue.size() < maxBatch && waitNanos > 0) {
      if (scheduled == null) {
        scheduled = timer.schedule(this::onTimer, waitNanos, TimeUnit.NANOSECONDS);
      }
      return null;
    }
    if (scheduled != null) {
      scheduled.dispose();
      scheduled = null;
    }
    List<T> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (!queue.isEmpty() && batch.size() < maxBatch) {
      batch.add(queue.pollFirst());
    }
    flushing = true;
    lastStartNanos = timer.now(TimeUnit.NANOSECONDS);
    return batch;
  }

  private void onTimer() {
    List<T> batch;
    synchronized (this) {
      scheduled = null;
      batch = nextBatch();
    }
    start(batch);
  }

  private void start(List<T> batch) {
    if (batch == null) {
      return;
    }
    Mono.defer(() -> flush.apply(batch))
        .onErrorResume(e -> Mono.empty())
        .doFinally(signal -> flushed())
        .subscribe();
  }

  private void flushed() {
    List<T> batch;
    synchronized (this) {
      flushing = false;
      batch = nextBatch();
    }
    start(batch);
  }
}
