package io.outrun.infra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets an empty change-stream {@code getMore} sleep until a write to its collection completes
 * (MongoDB's awaitData). Each collection has its own counter and sleepers, so a write wakes only
 * the streams on that collection; a stream on no single collection (a database's) wakes at any
 * write, and a drop counts as a write to every collection.
 */
final class StreamWakeups {

  /**
   * Writes so far to one namespace, or to any, and the streams sleeping until the next. A write
   * takes no lock: it counts, then wakes the sleepers if there are any (most writes have none: no
   * stream on their collection, none on no single collection). With a monitor here (each write
   * entering it to notify) 8 % of the server's profile samples under 32 writers were in it.
   */
  private static final class Writes {
    private final AtomicLong count = new AtomicLong();
    private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();

    long count() {
      return count.get();
    }

    /**
     * Counts, then looks for sleepers; a sleeper registers, then looks at the count. Both are
     * volatile, so one of them sees the other, and an unpark before a park is not lost: no write is
     * missed.
     */
    void add() {
      count.incrementAndGet();
      if (!sleepers.isEmpty()) {
        sleepers.forEach(LockSupport::unpark);
      }
    }

    /** False when the deadline passed (or the thread was interrupted) before a write after seen. */
    boolean awaitAfter(long seen, long deadlineNanos) {
      Thread sleeper = Thread.currentThread();
      sleepers.add(sleeper);
      try {
        while (count.get() == seen) {
          long remaining = deadlineNanos - System.nanoTime();
          if (remaining <= 0 || sleeper.isInterrupted()) {
            return false;
          }
          LockSupport.parkNanos(this, remaining);
        }
        return true;
      } finally {
        sleepers.remove(sleeper);
      }
    }
  }

  private final Writes any = new Writes();
  private final ConcurrentHashMap<String, Writes> byNamespace = new ConcurrentHashMap<>();

  /** Writes so far to {@code namespace} (null: to anything). */
  long writes(String namespace) {
    return writesTo(namespace).count();
  }

  /** Counts a completed write to {@code namespace} and wakes its streams; null: to everything. */
  void written(String namespace) {
    if (namespace == null) {
      byNamespace.values().forEach(Writes::add);
    } else {
      writesTo(namespace).add();
    }
    any.add();
  }

  /**
   * Waits until a write to {@code namespace} (null: any) completes after {@code seen} of them;
   * false when the deadline passed.
   */
  boolean awaitWriteAfter(String namespace, long seen, long deadlineNanos) {
    return writesTo(namespace).awaitAfter(seen, deadlineNanos);
  }

  private Writes writesTo(String namespace) {
    return namespace == null ? any : byNamespace.computeIfAbsent(namespace, ns -> new Writes());
  }
}
