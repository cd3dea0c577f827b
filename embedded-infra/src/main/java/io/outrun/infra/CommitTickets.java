package io.outrun.infra;

import de.bwaldvogel.mongo.exception.MongoServerException;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bookkeeping of {@link ConsistentCommits}: each command that changed data takes a ticket as it
 * finishes, and waits until a commit covers its ticket; the committer waits for finished commands,
 * and tells which tickets its commit covered. Once the store fails, every waiting and later command
 * fails.
 *
 * <p>Two conditions on one lock, so that a finished command wakes only the committer and a commit
 * wakes only the commands waiting for it (one monitor woke every waiting command at every finished
 * one).
 */
final class CommitTickets {

  private final ReentrantLock state = new ReentrantLock();
  private final Condition finishedOne = state.newCondition();
  private final Condition committedSome = state.newCondition();
  private long finished; // commands that changed data
  private long committed; // of those, the ones in the file
  private RuntimeException failure; // why the store can no longer commit
  private boolean closing;

  /** A finished command's ticket; the committer wakes for it. */
  long finish() {
    state.lock();
    try {
      finished++;
      finishedOne.signal();
      return finished;
    } finally {
      state.unlock();
    }
  }

  /**
   * Returns once a commit covers {@code ticket}; throws if the store failed first. An interrupt
   * does not end the wait (the change is made: its answer must wait for the commit) but is kept.
   */
  void awaitCommitted(long ticket) {
    boolean interrupted = false;
    state.lock();
    try {
      while (committed < ticket && failure == null) {
        try {
          committedSome.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (committed < ticket) {
        throw new MongoServerException(
            "the change could not be written to disk: " + failure.getMessage(), failure);
      }
    } finally {
      state.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Throws if the store failed, so a command changes nothing it could not commit. */
  void failFastIfBroken() {
    state.lock();
    try {
      if (failure != null) {
        throw new MongoServerException("the change cannot be written: " + failure.getMessage());
      }
    } finally {
      state.unlock();
    }
  }

  /**
   * For the committer: waits for a finished, uncommitted command; false once closing with nothing
   * left to commit, once the store failed, or when interrupted.
   */
  boolean awaitFinished() {
    state.lock();
    try {
      while (finished == committed && !closing) {
        finishedOne.await();
      }
      return finished != committed && failure == null;
    } catch (InterruptedException e) {
      return false;
    } finally {
      state.unlock();
    }
  }

  /** The last ticket a commit now would cover; empty if there is none or the store failed. */
  OptionalLong uncommittedUpTo() {
    state.lock();
    try {
      return failure != null || finished == committed
          ? OptionalLong.empty()
          : OptionalLong.of(finished);
    } finally {
      state.unlock();
    }
  }

  /** A commit covered every ticket up to {@code upTo}: their commands are answered. */
  void committedUpTo(long upTo) {
    state.lock();
    try {
      committed = upTo;
      committedSome.signalAll();
    } finally {
      state.unlock();
    }
  }

  /** Wakes the committer to commit what is left and stop. */
  void close() {
    state.lock();
    try {
      closing = true;
      finishedOne.signal();
    } finally {
      state.unlock();
    }
  }

  /** The store can no longer commit: every waiting and later command fails with {@code cause}. */
  void fail(RuntimeException cause) {
    state.lock();
    try {
      if (failure == null) {
        failure = cause;
      }
      committedSome.signalAll();
    } finally {
      state.unlock();
    }
  }
}
