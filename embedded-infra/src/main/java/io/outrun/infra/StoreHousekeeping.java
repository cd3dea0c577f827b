package io.outrun.infra;

import java.time.Duration;
import org.h2.mvstore.MVStore;

/**
 * Rewrites the live pages of mostly-empty chunks into new ones, so the MVStore file does not fill
 * with them. MVStore's background thread does this on its own, but that thread also commits at any
 * moment, so it is off ({@link ConsistentCommits}) and this runs instead, between commands.
 */
final class StoreHousekeeping {

  private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  /** Chunks are rewritten while less than this percentage of what they hold is still live. */
  private static final int TARGET_FILL_RATE = 80;

  /** Bytes rewritten at most per round: each round holds up every write while it runs. */
  private static final int WRITE_LIMIT = 1 << 20;

  private final MVStore store;
  private final CommitMark mark;
  private long lastRound = System.nanoTime();

  StoreHousekeeping(MVStore store, CommitMark mark) {
    this.store = store;
    this.mark = mark;
  }

  /** Called right after a commit, while no command runs. */
  void afterCommit() {
    long now = System.nanoTime();
    if (now - lastRound < INTERVAL_NANOS) {
      return;
    }
    lastRound = now;
    if (store.compact(TARGET_FILL_RATE, WRITE_LIMIT)) {
      mark.commit();
    }
  }
}
