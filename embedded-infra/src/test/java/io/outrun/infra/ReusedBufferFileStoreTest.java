package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReusedBufferFileStoreTest {

  private static final String RUNS = "outrun.runs";

  @TempDir Path dir;

  @Test
  void commitsReuseOneBufferOnceTheyHaveSeenTheirLargestSize() {
    Path file = dir.resolve(MongoDataFile.CURRENT);
    try (MVStore store = MongoDataFile.open(file)) {
      ReusedBufferFileStore fileStore = (ReusedBufferFileStore) store.getFileStore();
      MVMap<Object, Document> runs = StoredMaps.documents(store, RUNS);
      commit(store, runs, 0, 3 << 20); // about 3 MB: the first buffer (1 MB) grows and is dropped
      int afterFirst = fileStore.buffersMade();

      for (int i = 1; i <= 10; i++) {
        commit(store, runs, i * 1000, 3 << 20);
      }
      int afterEleven = fileStore.buffersMade();
      commit(store, runs, 20_000, 9 << 20); // a larger commit outgrows the kept buffer once
      commit(store, runs, 30_000, 9 << 20);
      commit(store, runs, 40_000, 1 << 20);

      assertThat(afterFirst).isEqualTo(1);
      assertThat(afterEleven).isEqualTo(2); // the one made for 3 MB commits, kept since
      assertThat(fileStore.buffersMade()).isEqualTo(3);
    }

    try (MVStore reopened = MongoDataFile.open(file)) {
      MVMap<Object, Document> runs = StoredMaps.documents(reopened, RUNS);
      assertThat(runs.get("run-0")).containsEntry("_id", "run-0");
      assertThat(runs.get("run-40127")).containsEntry("_id", "run-40127");
      assertThat(runs.size()).isEqualTo(11 * 384 + 2 * 1152 + 128);
    }
  }

  /** Puts new documents of about 8 KB from {@code first} on until {@code bytes}, then commits. */
  private static void commit(MVStore store, MVMap<Object, Document> runs, int first, int bytes) {
    String log = "x".repeat(8 * 1024);
    for (int i = first; i < first + bytes / log.length(); i++) {
      runs.put("run-" + i, new Document("_id", "run-" + i).append("log", log));
    }
    store.commit();
  }
}
