package io.outrun.infra;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets an empty change-stream {@code getMore} sleep until a write to its collection completes
 * (MongoDB's awaitData). Each collection has its own counter and monitor, so a write wakes only the
 * streams on that collection; a stream on no single collection (a database's) wakes at any write,
 * and a drop counts as a write to every collection.
 */
final class StreamWakeups {

  /** Writes so far to one namespace, or to any (the monitor streams of it sleep on). */
  private static final class Writes {
    private long count; // guarded by this

    synchronized long count() {
      return count;
    }

    synchronized void add() {
      count++;
      notifyAll();
    }

    /** False when the deadline passed before a write after {@code seen}. */
    synchronized boolean awaitAfter(long seen, long deadlineNanos) {
      long remaining = deadlineNanos - System.nanoTime();
      while (count == seen && remaining > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        remaining = deadlineNanos - System.nanoTime();
      }
      return count != seen;
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
