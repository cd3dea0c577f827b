package io.outrun.api.run;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many run event streams are open on this instance, in all and per workspace, bounded by both
 * limits. A stream takes a {@link Permit} before it starts and gives it back when it ends however
 * it ends. Counters updated atomically (compare-and-set, a map's per-key compute); a workspace with
 * no stream open takes no entry.
 */
final class StreamPermits {

  private final int maxTotal;
  private final int maxPerWorkspace;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perWorkspace = new ConcurrentHashMap<>();

  StreamPermits(int maxTotal, int maxPerWorkspace) {
    this.maxTotal = maxTotal;
    this.maxPerWorkspace = maxPerWorkspace;
  }

  /** A permit for one more stream of {@code workspaceId}, or empty when a limit is reached. */
  Optional<Permit> acquire(String workspaceId) {
    if (!increment(total, maxTotal)) {
      return Optional.empty();
    }
    AtomicBoolean granted = new AtomicBoolean();
    perWorkspace.compute(
        workspaceId,
        (id, held) -> {
          int now = held == null ? 0 : held;
          granted.set(now < maxPerWorkspace);
          return granted.get() ? now + 1 : held;
        });
    if (!granted.get()) {
      total.decrementAndGet();
      return Optional.empty();
    }
    return Optional.of(new Permit(workspaceId));
  }

  /** Streams open now on this instance. */
  int open() {
    return total.get();
  }

  /** Streams {@code workspaceId} holds open now on this instance. */
  int open(String workspaceId) {
    return perWorkspace.getOrDefault(workspaceId, 0);
  }

  private static boolean increment(AtomicInteger counter, int max) {
    int now;
    do {
      now = counter.get();
      if (now >= max) {
        return false;
      }
    } while (!counter.compareAndSet(now, now + 1));
    return true;
  }

  private void release(String workspaceId) {
    total.decrementAndGet();
    perWorkspace.computeIfPresent(workspaceId, (id, held) -> held <= 1 ? null : held - 1);
  }

  /** One open stream; {@link #release} gives it back once, however often it is called. */
  final class Permit {

    private final String workspaceId;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(String workspaceId) {
      this.workspaceId = workspaceId;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        StreamPermits.this.release(workspaceId);
      }
    }
  }
}
