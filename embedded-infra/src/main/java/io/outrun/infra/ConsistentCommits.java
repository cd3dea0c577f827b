package io.outrun.infra;

import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the MVStore only between commands, and answers a command only once its changes are in the
 * file.
 *
 * <p>mongo-java-server's H2 backend keeps a collection's documents in one MVStore map and each
 * unique index in another, and a command writes them one after the other (the document, then each
 * index entry, then the oplog entry). MVStore, left to itself, commits whenever it likes: every
 * second from a background thread, and from the writing thread itself between two of those maps
 * once enough changes are unsaved; a commit takes each map as it finds it. A {@code kill -9} keeps
 * only the last commit, so it could keep a document without its {@code _id} index entry (found by a
 * scan, not by {@code _id}, and never insertable again) or an index entry without its document; and
 * it lost every write acknowledged since that commit.
 *
 * <p>Here the store never commits by itself (see {@link MongoDataFile#open}). A command that
 * changes data runs holding the shared side of a lock; one committer thread takes the exclusive
 * side, so it commits only when no command is half done, and a command is answered only after a
 * commit that includes it (one commit covers every command that finished while the previous one was
 * written; {@link CommitTickets} keeps that count). The file is written, not forced to disk: the
 * operating system keeps it through a killed process; after a power failure MVStore opens the
 * newest complete commit, still whole.
 */
final class ConsistentCommits implements StoreAccess {

  private static final Logger log = LoggerFactory.getLogger(ConsistentCommits.class);

  private final MVStore store;
  private final CommitMark mark;
  private final StoreHousekeeping housekeeping;
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final CommitTickets tickets = new CommitTickets();
  private final Thread committer;

  private ConsistentCommits(MVStore store) {
    this.store = store;
    this.mark = new CommitMark(store);
    this.housekeeping = new StoreHousekeeping(store, mark);
    this.committer = Thread.ofPlatform().daemon().name("mongo-commit").unstarted(this::commitLoop);
  }

  /** Commits what opening the store changed (index rebuilds), then every command's changes. */
  static ConsistentCommits start(MVStore store) {
    ConsistentCommits commits = new ConsistentCommits(store);
    commits.mark.commit();
    commits.committer.start();
    return commits;
  }

  /**
   * A command that changed nothing ({@link StoreWrites}: no {@link TrackedMap} changed) is answered
   * at once: it is a read, and like a read it may have seen a write a moment before that write is
   * in the file.
   */
  @Override
  public <T> T write(Supplier<T> write) {
    if (gate.getReadHoldCount() > 0) {
      return write.get(); // part of a command already in progress, which waits for the commit
    }
    tickets.failFastIfBroken();
    gate.readLock().lock();
    StoreWrites.begin();
    try {
      return write.get();
    } finally {
      boolean changed = StoreWrites.anyChanged(); // an answer or a failure half way through
      long ticket =
          changed ? tickets.finish() : 0; // while still holding the lock: the next commit has it
      gate.readLock().unlock();
      if (changed) {
        tickets.awaitCommitted(ticket);
      }
    }
  }

  /**
   * Reads are not held back by commits, but a scan reads the pages of the version it started from
   * as it goes: registered, that version's pages stay in the file until it ends. Unregistered,
   * MVStore keeps only the last five versions, which now pass in milliseconds (every write is a
   * commit), and a page the scan had still to read could be freed under it ("Chunk not found").
   */
  @Override
  public <T> T read(Supplier<T> read) {
    MVStore.TxCounter version = store.registerVersionUsage();
    try {
      return read.get();
    } finally {
      store.deregisterVersionUsage(version);
    }
  }

  /**
   * Commits what is left and stops the committer; the store can then be closed. A command that
   * changes data after this fails.
   */
  @Override
  public void close() {
    tickets.close();
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gate.writeLock().lock();
    try {
      commit(); // a command that finished after the committer's last commit
      tickets.fail(new IllegalStateException("the MongoDB store is closed"));
    } finally {
      gate.writeLock().unlock();
    }
  }

  private void commitLoop() {
    while (tickets.awaitFinished()) {
      gate.writeLock().lock();
      try {
        commit();
      } finally {
        gate.writeLock().unlock();
      }
    }
  }

  /** Called holding the exclusive side of the gate: no command is half done. */
  private void commit() {
    OptionalLong upTo = tickets.uncommittedUpTo();
    if (upTo.isEmpty()) {
      return;
    }
    try {
      mark.commit();
      housekeeping.afterCommit();
      tickets.committedUpTo(upTo.getAsLong());
    } catch (RuntimeException e) {
      log.error("Could not commit the MongoDB store; every write fails from now on", e);
      tickets.fail(e);
    }
  }
}
