package io.outrun.infra;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Marks each commit {@link ConsistentCommits} makes, so that on open it is known whether the
 * store's newest commit was made between commands. One made by MVStore on its own (by an Outrun
 * from before consistent commits, or another checkout's) may have caught a command half done.
 */
final class CommitMark {

  /** No database's maps start so: H2Database names them "db.*" and drops those with the db. */
  static final String MAP = "$outrun.commits";

  private static final String VERSION = "consistentVersion";

  private final MVStore store;
  private final MVMap<String, Long> marks;

  CommitMark(MVStore store) {
    this.store = store;
    this.marks = store.openMap(MAP);
  }

  /** Whether the newest commit in the file is one of {@link #commit}'s. */
  boolean markedNewest() {
    Long marked = marks.get(VERSION);
    return marked != null && marked == store.getCurrentVersion();
  }

  /**
   * Commits, marked: call only while no command is half done. Nothing is written if nothing changed
   * since a marked commit (a conditional update that matched nothing, a command that only reads).
   */
  void commit() {
    if (!store.hasUnsavedChanges() && markedNewest()) {
      return;
    }
    marks.put(VERSION, store.getCurrentVersion() + 1); // the version this commit writes
    store.commit();
  }
}
