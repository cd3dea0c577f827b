package io.outrun.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.time.Duration;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every unique index ({@code _id} included, the oplog's too) from its collection's
 * documents. Run on open when the newest commit was not made between commands ({@link CommitMark}):
 * a {@code kill -9} of an Outrun from before {@link ConsistentCommits} could leave a document
 * without its index entries (found by a scan but not by {@code _id}, and never insertable again) or
 * an entry without its document. It reads every document once.
 */
final class UniqueIndexRebuild {

  private static final Logger log = LoggerFactory.getLogger(UniqueIndexRebuild.class);

  private final MVStore store;
  private final MongoBackend backend;

  UniqueIndexRebuild(MVStore store, MongoBackend backend) {
    this.store = store;
    this.backend = backend;
  }

  /** Call before the server takes commands. */
  void rebuildAll() {
    long started = System.nanoTime();
    int rebuilt =
        store.getMapNames().stream()
            .filter(name -> name.startsWith(StoredMaps.DOCUMENTS_PREFIX))
            .map(name -> name.substring(StoredMaps.DOCUMENTS_PREFIX.length()))
            .mapToInt(this::rebuildCollection)
            .sum();
    if (rebuilt > 0) {
      log.info(
          "Rebuilt {} unique indexes in {} ms: the store's newest commit was not made between"
              + " commands",
          rebuilt,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
  }

  /** How many indexes it rebuilt. */
  @SuppressWarnings("unchecked") // the H2 backend's collections and indexes use Object positions
  private int rebuildCollection(String namespace) {
    MongoDatabase database = backend.resolveDatabase(Utils.firstFragment(namespace));
    MongoCollection<Object> collection =
        (MongoCollection<Object>)
            database.resolveCollection(Utils.getCollectionNameFromFullName(namespace), false);
    if (collection == null) {
      return 0;
    }
    MVMap<Object, Document> documents = StoredMaps.documents(store, namespace);
    int rebuilt = 0;
    for (Index<Object> index : collection.getIndexes()) {
      String entriesMap = namespace + StoredMaps.INDEX_INFIX + index.getName();
      if (index instanceof AbstractUniqueIndex<Object> && store.hasMap(entriesMap)) {
        rebuild(collection, index, StoredMaps.uniqueIndex(store, entriesMap), documents);
        rebuilt++;
      }
    }
    return rebuilt;
  }

  private static void rebuild(
      MongoCollection<Object> collection,
      Index<Object> index,
      MVMap<KeyValue, Object> entries,
      MVMap<Object, Document> documents) {
    long before = entries.sizeAsLong();
    entries.clear();
    documents.forEach((position, document) -> add(collection, index, document, position));
    if (entries.sizeAsLong() != before) {
      log.warn(
          "Index {} of {} had {} entries, {} after the rebuild: a crash had left it incomplete",
          index.getName(),
          collection.getFullName(),
          before,
          entries.sizeAsLong());
    }
  }

  private static void add(
      MongoCollection<Object> collection, Index<Object> index, Document document, Object position) {
    try {
      index.add(document, position, collection);
    } catch (KeyConstraintError duplicate) {
      // only a crash before consistent commits could have let a second document in
      log.error(
          "Document {} of {} is left out of index {}: {}",
          position,
          collection.getFullName(),
          index.getName(),
          duplicate.getMessage());
    }
  }
}
