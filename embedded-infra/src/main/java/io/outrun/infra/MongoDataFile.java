package io.outrun.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MVStore file of a data directory, named for its format: {@code mongo-bson.mv} keeps documents
 * and keys as BSON ({@link StoredTypes}). {@code mongo.mv}, the format before it (Java-serialized
 * documents, read by no current code), is migrated on first open ({@link JavaSerializedStore}) and
 * then kept, renamed, until someone deletes it; an older checkout never finds the new file, so it
 * starts empty rather than misread it.
 */
final class MongoDataFile {

  private static final Logger log = LoggerFactory.getLogger(MongoDataFile.class);

  static final String CURRENT = "mongo-bson.mv";
  static final String JAVA_SERIALIZED = "mongo.mv";
  static final String MIGRATED = "mongo.mv.migrated-to-bson";

  private MongoDataFile() {}

  /** The directory's file in the current format, migrated first if only an older one is there. */
  static Path prepare(Path dataDir) {
    Path current = dataDir.resolve(CURRENT);
    Path old = dataDir.resolve(JAVA_SERIALIZED);
    if (Files.exists(current)) {
      if (Files.exists(old)) {
        log.warn(
            "{} is left over from an older Outrun and is not read; {} is the store", old, current);
      }
      return current;
    }
    if (Files.exists(old)) {
      migrate(old, current, dataDir.resolve(MIGRATED));
    }
    return current;
  }

  /**
   * Small B-tree pages: at most {@value} keys each instead of MVStore's 48. A commit rewrites every
   * changed page whole, and most of them hold small entries (index keys, the oplog's newest
   * entries, the tree's inner pages), so a commit writes about a quarter less.
   */
  static final int KEYS_PER_PAGE = 16;

  /**
   * Opens a store that never commits by itself: neither from MVStore's background thread nor from a
   * writing thread once enough changes are unsaved. Each would commit in the middle of a command (a
   * document stored, its index entries not yet); {@link ConsistentCommits} commits instead.
   *
   * <p>Pages are not compressed, and hold at most {@link #KEYS_PER_PAGE} keys. With LZF
   * compression, compressing the changed pages was about a third of every commit's CPU; the smaller
   * pages give back most of the file size compression saved (see the README's "Commits"). Pages an
   * older version wrote compressed still read: each page says whether it is.
   *
   * <p>The file is opened through H2's {@code retry:} file system. The server's worker threads read
   * it (a page not in the cache), and a {@code FileChannel} that a thread with its interrupt flag
   * set reads or writes is closed: every later read and commit would fail, and the store with them.
   * This one opens the file again and repeats the call.
   *
   * <p>Commits reuse one write buffer ({@link ReusedBufferFileStore}).
   */
  static MVStore open(Path file) {
    ReusedBufferFileStore fileStore = new ReusedBufferFileStore();
    fileStore.open("retry:" + file, false, null);
    return new MVStore.Builder()
        .adoptFileStore(fileStore)
        .autoCommitDisabled()
        .autoCommitBufferSize(0)
        .keysPerPage(KEYS_PER_PAGE)
        .open();
  }

  private static void migrate(Path old, Path current, Path kept) {
    Path partial = current.resolveSibling(CURRENT + ".partial");
    log.warn(
        "{} holds documents in the format of an Outrun from before BSON storage: converting it to"
            + " {} (once; it takes about a second per 10,000 documents)",
        old,
        current);
    try {
      Files.deleteIfExists(partial); // a conversion a kill interrupted starts over
      long started = System.nanoTime();
      long documents = JavaSerializedStore.copy(old, partial);
      Files.move(partial, current);
      Files.move(old, kept);
      log.warn(
          "Converted {} documents in {} ms; the old file is kept as {}: delete it when no older"
              + " checkout needs it",
          documents,
          (System.nanoTime() - started) / 1_000_000,
          kept);
    } catch (IOException e) {
      throw new UncheckedIOException("could not convert " + old + " to " + current, e);
    }
  }
}
