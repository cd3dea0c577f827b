package io.outrun.infra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The maps mongo-java-server's H2 backend keeps, by their names, opened with the types the file
 * stores them in ({@link StoredTypes}) and as {@link TrackedMap}s. Every reader of the file opens
 * them through here: a map opened with another type would read nonsense, and a change to a map that
 * is not tracked would be answered without waiting for its commit.
 */
final class StoredMaps {

  /** {@code databases.<db>.<collection>}: a collection's documents by {@code _id}. */
  static final String DOCUMENTS_PREFIX = "databases.";

  /** {@code meta.<db>.<collection>}: a collection's counters. */
  static final String META_PREFIX = "meta.";

  /** {@code <db>.<collection>._index_<name>}: a unique index, key to document {@code _id}. */
  static final String INDEX_INFIX = "._index_";

  private StoredMaps() {}

  static MVMap<Object, Document> documents(MVStore store, String namespace) {
    return TrackedMap.open(
        store, DOCUMENTS_PREFIX + namespace, StoredTypes.KEYS, StoredTypes.DOCUMENTS);
  }

  static MVMap<String, Object> meta(MVStore store, String namespace) {
    return TrackedMap.open(
        store, META_PREFIX + namespace, new ObjectDataType(), new ObjectDataType());
  }

  static MVMap<KeyValue, Object> uniqueIndex(MVStore store, String namespace, String index) {
    return uniqueIndex(store, namespace + INDEX_INFIX + index);
  }

  static MVMap<KeyValue, Object> uniqueIndex(MVStore store, String mapName) {
    return TrackedMap.open(store, mapName, StoredTypes.INDEX_KEYS, StoredTypes.KEYS);
  }
}
