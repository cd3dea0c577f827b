package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConsistentCommits} on a real MVStore file. */
class ConsistentCommitsIT {

  private static final int ENTRIES = 20_000;
  private static final String PAYLOAD = "x".repeat(500);

  @TempDir Path dir;

  /**
   * Every write commits, so versions pass by the hundred while a scan reads the pages of the one it
   * started from; a chunk no newer version needs is freed at once once older than the retention
   * time (here 0, as for the chunks of a store that has been up for a while).
   */
  @Test
  void aReadFindsEveryPageOfItsVersionWhileWritesCommitAndFreeChunks() {
    MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve("store.mv").toString())
            .autoCommitDisabled()
            .autoCommitBufferSize(0)
            .cacheSize(1)
            .open();
    store.setRetentionTime(0);
    MVMap<Integer, String> map = entries(store);
    for (int i = 0; i < ENTRIES; i++) {
      map.put(i, PAYLOAD);
      if (i % 100 == 0) {
        store.commit(); // small chunks, as writes committed one by one leave them
      }
    }
    ConsistentCommits commits = ConsistentCommits.start(store);
    try {
      int read =
          commits.read(
              () -> {
                int entries = 0;
                for (Map.Entry<Integer, String> entry : map.entrySet()) {
                  entries++;
                  if (entries % 100 == 0) {
                    rewriteSome(commits, map, entries);
                  }
                }
                return entries;
              });

      assertThat(read).isEqualTo(ENTRIES);
    } finally {
      commits.close();
      store.close();
    }
  }

  /**
   * A command that changed nothing is answered as a read is, at once: here while another command,
   * which did change data, is still running, so no commit can be made until it ends.
   */
  @Test
  void aWriteThatChangedNothingIsAnsweredWithoutWaitingForACommit() throws Exception {
    MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve("store.mv").toString())
            .autoCommitDisabled()
            .autoCommitBufferSize(0)
            .open();
    MVMap<Integer, String> map = entries(store);
    ConsistentCommits commits = ConsistentCommits.start(store);
    CountDownLatch changing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<String> changed =
          other.submit(
              () ->
                  commits.write(
                      () -> {
                        map.put(1, PAYLOAD);
                        changing.countDown();
                        await(release);
                        return "changed";
                      }));
      await(changing);

      String unchanged =
          CompletableFuture.supplyAsync(
                  () -> commits.write(() -> map.get(2) == null ? "nothing to change" : "found"))
              .get(30, TimeUnit.SECONDS);

      assertThat(unchanged).isEqualTo("nothing to change");
      assertThat(changed.isDone()).isFalse();
      release.countDown();
      assertThat(changed.get(30, TimeUnit.SECONDS)).isEqualTo("changed");
      assertThat(store.hasUnsavedChanges()).as("answered once committed").isFalse();
    } finally {
      release.countDown();
      other.shutdownNow();
      commits.close();
      store.close();
    }
  }

  private static MVMap<Integer, String> entries(MVStore store) {
    return TrackedMap.open(store, "entries", new ObjectDataType(), new ObjectDataType());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A server worker whose interrupt flag is set (by some library, by mistake) reads a page that is
   * not cached: it is answered, and the store goes on. A {@code FileChannel} read or written from
   * such a thread is closed, which would fail every later read and commit ({@link
   * MongoDataFile#open} opens the file through H2's {@code retry:} file system, which opens it
   * again).
   */
  @Test
  void aReadFromAnInterruptedThreadLeavesTheStoreWorking() throws Exception {
    Path file = dir.resolve("store.mv");
    try (MVStore filled = MongoDataFile.open(file)) {
      MVMap<Integer, String> map = entries(filled);
      for (int i = 0; i < ENTRIES; i++) {
        map.put(i, PAYLOAD + i);
      }
      filled.commit();
    }
    MVStore store = MongoDataFile.open(file); // nothing cached: a read reads the file
    MVMap<Integer, String> map = entries(store);
    ConsistentCommits commits = ConsistentCommits.start(store);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<String> interrupted =
          worker.submit(
              () -> {
                Thread.currentThread().interrupt();
                return commits.read(() -> map.get(ENTRIES / 2));
              });
      assertThat(interrupted.get(30, TimeUnit.SECONDS)).isEqualTo(PAYLOAD + ENTRIES / 2);

      commits.write(() -> map.put(ENTRIES, PAYLOAD));
      assertThat(commits.read(() -> map.get(ENTRIES / 4))).isEqualTo(PAYLOAD + ENTRIES / 4);
      assertThat(store.isClosed()).isFalse();
      assertThat(store.hasUnsavedChanges()).as("the write committed").isFalse();
    } finally {
      worker.shutdownNow();
      commits.close();
      store.close();
    }
  }

  /** Fifty writes, each committed: pages all over the map replaced, their old chunks dead. */
  private static void rewriteSome(ConsistentCommits commits, MVMap<Integer, String> map, int seed) {
    for (int k = 0; k < 50; k++) {
      int key = (seed * 7 + k * 389) % ENTRIES;
      commits.write(() -> map.put(key, PAYLOAD + seed));
    }
  }
}
