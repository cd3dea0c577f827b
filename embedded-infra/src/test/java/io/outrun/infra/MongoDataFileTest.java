package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoDataFileTest {

  private static final String RUNS = "outrun.runs";

  @TempDir Path dir;

  @Test
  void pagesAreWrittenUncompressed() throws IOException {
    Path file = dir.resolve(MongoDataFile.CURRENT);
    String repetitive = "x".repeat(64 * 1024); // LZF would store this in about a kilobyte
    long before;
    try (MVStore store = MongoDataFile.open(file)) {
      store.commit();
      before = Files.size(file);
      StoredMaps.documents(store, RUNS)
          .put("run-1", new Document("_id", "run-1").append("log", repetitive));
      store.commit();
    }

    assertThat(Files.size(file) - before).isGreaterThan(repetitive.length());
  }

  @Test
  void pagesHoldAtMostSixteenKeys() {
    try (MVStore store = MongoDataFile.open(dir.resolve(MongoDataFile.CURRENT))) {
      MVMap<Object, Document> runs = StoredMaps.documents(store, RUNS);
      for (int i = 0; i < 100; i++) {
        runs.put("run-" + i, new Document("_id", "run-" + i));
      }

      assertThat(runs.getRootPage().getKeyCount()).isLessThanOrEqualTo(16);
      assertThat(runs.getRootPage().getChildPage(0).getKeyCount()).isLessThanOrEqualTo(16);
    }
  }

  @Test
  void aFileWrittenWithCompressedPagesStillReads() {
    Path file = dir.resolve(MongoDataFile.CURRENT);
    Document run = new Document("_id", "run-1").append("log", "x".repeat(10_000));
    try (MVStore older = new MVStore.Builder().fileName(file.toString()).compress().open()) {
      StoredMaps.documents(older, RUNS).put("run-1", run);
    }

    try (MVStore store = MongoDataFile.open(file)) {
      assertThat(StoredMaps.documents(store, RUNS).get("run-1")).isEqualTo(run);
    }
  }
}
