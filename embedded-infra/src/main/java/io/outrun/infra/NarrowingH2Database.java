package io.outrun.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database, whose collections are {@link UnsharedH2Collection}s with a
 * {@link NarrowingIndex}, and whose documents and unique indexes are kept in maps of {@link
 * StoredMaps}' types.
 */
final class NarrowingH2Database extends H2Database {

  /**
   * The store of the database being constructed. H2Database's constructor already opens the stored
   * collections and their indexes, before this class could keep the store in a field of its own.
   */
  private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

  private final MVStore store;

  /**
   * The collections resolved so far, read without a lock: the server's own lookup, a concurrent
   * map, is wrapped in the database's lock, which every command of every connection then queued
   * for. Filled and emptied under that lock.
   */
  private final Map<String, MongoCollection<Object>> resolved = new ConcurrentHashMap<>();

  private NarrowingH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, store, cursors);
    this.store = store;
  }

  static NarrowingH2Database open(String name, MVStore store, CursorRegistry cursors) {
    OPENING.set(store);
    try {
      return new NarrowingH2Database(name, store, cursors);
    } finally {
      OPENING.remove();
    }
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
    MongoCollection<Object> collection = unsharedCollection(name, options);
    // Not on system collections: system.namespaces has no _id index, and a delete finds a
    // document's position through the first index that knows it, which this one never does.
    if (!name.startsWith("system.")) {
      collection.addIndex(new NarrowingIndex(collection));
    }
    return collection;
  }

  /** What H2Database's own method opens, as an {@link UnsharedH2Collection}. */
  private MongoCollection<Object> unsharedCollection(String name, CollectionOptions options) {
    String namespace = getFullCollectionNamespace(name);
    return new UnsharedH2Collection(
        this,
        name,
        options,
        StoredMaps.documents(store(), namespace),
        StoredMaps.meta(store(), namespace),
        cursorRegistry);
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    String namespace = getFullCollectionNamespace(collectionName);
    return new StoredUniqueIndex(
        StoredMaps.uniqueIndex(store(), namespace, indexName), indexName, keys, sparse);
  }

  private MVStore store() {
    return store != null ? store : OPENING.get();
  }

  @Override
  public MongoCollection<Object> resolveCollection(String name, boolean throwIfNotFound) {
    MongoCollection<Object> known = resolved == null ? null : resolved.get(name);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      MongoCollection<Object> found = super.resolveCollection(name, throwIfNotFound);
      if (found != null && resolved != null) { // null while H2Database's constructor runs
        resolved.put(name, found);
      }
      return found;
    }
  }

  @Override
  protected MongoCollection<Object> resolveOrCreateCollection(String name) {
    MongoCollection<Object> known = resolved == null ? null : resolved.get(name);
    return known != null ? known : super.resolveOrCreateCollection(name);
  }

  /** Every way a collection leaves the database (dropped, renamed away) ends here. */
  @Override
  public synchronized void unregisterCollection(String name) {
    super.unregisterCollection(name);
    if (resolved != null) {
      resolved.remove(name);
    }
  }

  /**
   * Keeps no last status per connection: the server recorded one for {@code getLastError} (which no
   * driver since MongoDB 3.6 sends; it now reports no error) under the database's lock, twice per
   * command, and every command of every connection queued for that lock.
   */
  @Override
  protected void clearLastStatus(Channel channel) {}

  @Override
  protected void putLastResult(Channel channel, Document result) {}

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
