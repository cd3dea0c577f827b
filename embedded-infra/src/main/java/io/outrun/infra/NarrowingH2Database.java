package io.outrun.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVStore;

/** mongo-java-server's H2 database, with a {@link NarrowingIndex} on every collection. */
final class NarrowingH2Database extends H2Database {

  NarrowingH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, store, cursors);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
    MongoCollection<Object> collection = super.openOrCreateCollection(name, options);
    // Not on system collections: system.namespaces has no _id index, and a delete finds a
    // document's position through the first index that knows it, which this one never does.
    if (!name.startsWith("system.")) {
      collection.addIndex(new NarrowingIndex(collection));
    }
    return collection;
  }

  /**
   * The narrowing index is never listed, so the server's drop leaves it behind and then refuses to
   * drop a collection that still has an index: remove it first.
   */
  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    MongoCollection<Object> collection = resolveCollection(collectionName, false);
    if (collection != null
        && collection.getIndexes().stream().anyMatch(NarrowingIndex.class::isInstance)) {
      collection.dropIndex(NarrowingIndex.NAME);
    }
    super.dropCollection(collectionName, oplog);
  }
}
