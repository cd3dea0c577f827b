package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
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
    MVMap<Integer, String> map = store.openMap("entries");
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

  /** Fifty writes, each committed: pages all over the map replaced, their old chunks dead. */
  private static void rewriteSome(ConsistentCommits commits, MVMap<Integer, String> map, int seed) {
    for (int k = 0; k < 50; k++) {
      int key = (seed * 7 + k * 389) % ENTRIES;
      commits.write(() -> map.put(key, PAYLOAD + seed));
    }
  }
}
