package io.outrun.infra;

/**
 * Whether the command running on this thread has changed stored data: {@link TrackedMap}s report
 * each change, {@link ConsistentCommits} asks once the command is done.
 */
final class StoreWrites {

  private static final ThreadLocal<boolean[]> CHANGED =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private StoreWrites() {}

  /** A command starts on this thread: nothing changed yet. */
  static void begin() {
    CHANGED.get()[0] = false;
  }

  /** A tracked map is being changed on this thread. */
  static void changed() {
    CHANGED.get()[0] = true;
  }

  /** Whether a tracked map was changed on this thread since {@link #begin}. */
  static boolean anyChanged() {
    return CHANGED.get()[0];
  }
}
