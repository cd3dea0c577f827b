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

  private static final String OPLOG_ID_INDEX =
      OplogH2Backend.OPLOG + StoredMaps.INDEX_INFIX + "_id_";

  private JavaSerializedStore() {}

  /** Copies {@code old} into a new file {@code target}; returns how many documents it copied. */
  static long copy(Path old, Path target) {
    MVStore from = new MVStore.Builder().fileName(old.toString()).readOnly().open();
    MVStore to = MongoDataFile.open(target);
    try {
      long documents = 0;
      for (String name : from.getMapNames()) {
        if (name.equals(StoredMaps.DOCUMENTS_PREFIX + OplogH2Backend.OPLOG)) {
          documents += copyOplog(from.openMap(name), to);
        } else if (name.equals(OPLOG_ID_INDEX)) {
          continue; // written by copyOplog
        } else if (name.startsWith(StoredMaps.DOCUMENTS_PREFIX)) {
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

  /**
   * The oplog's entries, each now with its timestamp as its {@code _id} ({@link OplogHistory}); the
   * {@code _id} index to match.
   */
  private static long copyOplog(MVMap<Object, Document> from, MVStore target) {
    MVMap<Object, Document> entries = StoredMaps.documents(target, OplogH2Backend.OPLOG);
    MVMap<KeyValue, Object> ids = StoredMaps.uniqueIndex(target, OPLOG_ID_INDEX);
    long copied = 0;
    for (Document entry : from.values()) {
      Object ts = entry.get("ts");
      Document keyed = new Document(entry);
      keyed.put("_id", ts);
      entries.put(ts, keyed);
      ids.put(new KeyValue(ts), ts);
      if (++copied % COMMIT_EVERY == 0) {
        target.commit();
      }
    }
    return copied;
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
