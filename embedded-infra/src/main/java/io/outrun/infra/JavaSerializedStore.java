package io.outrun.infra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Reads a store written before {@link StoredTypes} (every document and key Java-serialized, the H2
 * backend's default) into a new file in the current format. Documents, collection counters and
 * unique index entries are copied as they are; if the old store's newest commit was not made
 * between commands ({@link CommitMark}), neither is the new one's, so its unique indexes are
 * rebuilt on open as the old store's would have been.
 */
final class JavaSerializedStore {

  /** Entries copied between two commits of the new file, so that it never holds all in memory. */
  private static final int COMMIT_EVERY = 5_000;

  private JavaSerializedStore() {}

  /** Copies {@code old} into a new file {@code target}; returns how many documents it copied. */
  static long copy(Path old, Path target) {
    MVStore from = new MVStore.Builder().fileName(old.toString()).readOnly().open();
    MVStore to = MongoDataFile.open(target);
    try {
      long documents = 0;
      for (String name : from.getMapNames()) {
        if (name.startsWith(StoredMaps.DOCUMENTS_PREFIX)) {
          MVMap<Object, Document> copied =
              StoredMaps.documents(to, name.substring(StoredMaps.DOCUMENTS_PREFIX.length()));
          documents += copy(from.openMap(name), copied, to);
        } else if (name.startsWith(StoredMaps.META_PREFIX)) {
          copy(from.openMap(name), to.openMap(name), to);
        } else if (name.contains(StoredMaps.INDEX_INFIX)) {
          MVMap<KeyValue, Object> copied = StoredMaps.uniqueIndex(to, name);
          copy(from.openMap(name), copied, to);
        }
      }
      if (from.hasMap(CommitMark.MAP) && new CommitMark(from).markedNewest()) {
        new CommitMark(to).commit();
      } else {
        to.commit();
      }
      return documents;
    } finally {
      to.close();
      from.close();
    }
  }

  private static <K, V> long copy(MVMap<K, V> from, MVMap<K, V> to, MVStore target) {
    long copied = 0;
    for (Map.Entry<K, V> entry : from.entrySet()) {
      to.put(entry.getKey(), entry.getValue());
      if (++copied % COMMIT_EVERY == 0) {
        target.commit();
      }
    }
    return copied;
  }
}
