package io.outrun.infra;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The maps mongo-java-server's H2 backend keeps, by their names, opened with the types the file
 * stores them in ({@link StoredTypes}). Every reader of the file opens them through here: a map
 * opened with another type would read nonsense.
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
    return store.openMap(
        DOCUMENTS_PREFIX + namespace,
        new MVMap.Builder<Object, Document>()
            .keyType(StoredTypes.KEYS)
            .valueType(StoredTypes.DOCUMENTS));
  }

  static MVMap<String, Object> meta(MVStore store, String namespace) {
    return store.openMap(META_PREFIX + namespace);
  }

  static MVMap<KeyValue, Object> uniqueIndex(MVStore store, String namespace, String index) {
    return uniqueIndex(store, namespace + INDEX_INFIX + index);
  }

  static MVMap<KeyValue, Object> uniqueIndex(MVStore store, String mapName) {
    return store.openMap(
        mapName,
        new MVMap.Builder<KeyValue, Object>()
            .keyType(StoredTypes.INDEX_KEYS)
            .valueType(StoredTypes.KEYS));
  }
}
