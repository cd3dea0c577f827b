package io.outrun.runner.intake;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Sinks;

/**
 * Completes the turns of admitted runs one after another, never one inside another.
 *
 * <p>Completing a run's turn goes on with its run on the completing thread, up to the run's first
 * asynchronous step. A run that ends there (its request handed over to another runner at a
 * rebalance, or let go at shutdown) closes its place, which admits the next run in line: completed
 * in place, that run's turn would go on inside the first one's, and a line of hundreds of such runs
 * overflows the thread's stack (a {@link StackOverflowError} left admitted runs never told, their
 * places taken for good). A completion asked for while a thread is completing turns is queued
 * instead, and that thread completes it after the one under way, in the order asked.
 */
final class TurnSignals {

  private final Queue<Sinks.Empty<Void>> queued = new ConcurrentLinkedQueue<>();
  private final AtomicInteger asked = new AtomicInteger();

  /** Completes {@code turns} now, or, when a completion is under way, right after it. */
  void complete(Collection<Sinks.Empty<Void>> turns) {
    if (turns.isEmpty()) {
      return;
    }
    queued.addAll(turns);
    if (asked.getAndIncrement() != 0) {
      return; // the thread completing turns takes these too
    }
    int missed = 1;
    do {
      for (Sinks.Empty<Void> turn = queued.poll(); turn != null; turn = queued.poll()) {
        turn.tryEmitEmpty();
      }
      missed = asked.addAndGet(-missed);
    } while (missed != 0);
  }
}
