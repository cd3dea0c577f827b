package io.outrun.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Optional;

/**
 * Lets a query that names a unique index's keys among others use that index. mongo-java-server uses
 * an index only for a query whose keys are exactly the index's, so {@code {_id: x, status:
 * "queued"}} (every conditional update) scanned the whole collection under its lock: with a few
 * thousand runs, every runner write waited behind such scans. This index keeps no entries of its
 * own: it finds the documents through the unique index and leaves the rest of the query to the
 * collection's matcher, as MongoDB's planner would. It is added in memory to every collection and
 * never listed or stored.
 */
final class NarrowingIndex extends Index<Object> {

  static final String NAME = "outrun_narrowing";

  private final MongoCollection<Object> collection;

  NarrowingIndex(MongoCollection<Object> collection) {
    super(NAME, List.of(new IndexKey("_id", true)), true);
    this.collection = collection;
  }

  @Override
  public boolean canHandle(Document query) {
    return query.size() > 1 && narrowest(query).isPresent();
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    Index<Object> unique = narrowest(query).orElseThrow();
    return unique.getPositions(subQuery(query, unique));
  }

  /** A unique index whose keys all appear in the query in a form it can look up. */
  private Optional<Index<Object>> narrowest(Document query) {
    return collection.getIndexes().stream()
        .filter(index -> index != this && index.isUnique())
        .filter(index -> index.getKeys().stream().allMatch(key -> query.containsKey(key.getKey())))
        .filter(index -> index.canHandle(subQuery(query, index)))
        .findFirst();
  }

  private static Document subQuery(Document query, Index<Object> index) {
    Document sub = new Document();
    index.getKeys().forEach(key -> sub.put(key.getKey(), query.get(key.getKey())));
    return sub;
  }

  // It holds nothing: every change is the unique indexes' business.

  @Override
  public Object getPosition(Document document) {
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {}

  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {}

  @Override
  public Object remove(Document document) {
    return null;
  }

  @Override
  public long getCount() {
    return 0;
  }

  @Override
  public long getDataSize() {
    return 0;
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

  @Override
  public void updateInPlace(
      Document oldDocument,
      Document newDocument,
      Object position,
      MongoCollection<Object> collection) {}

  @Override
  public void drop() {}
}
