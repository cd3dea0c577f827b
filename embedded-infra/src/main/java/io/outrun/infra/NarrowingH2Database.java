package io.outrun.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

/** mongo-java-server's H2 database, with a {@link NarrowingIndex} on every collection. */
final class NarrowingH2Database extends H2Database {

  NarrowingH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, store, cursors);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
    MongoCollection<Object> collection = super.openOrCreateCollection(name, options);
    collection.addIndex(new NarrowingIndex(collection));
    return collection;
  }
}
