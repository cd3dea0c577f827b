package io.outrun.infra;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, but an update never changes a document another command may
 * still be sending.
 *
 * <p>The server's update takes the stored document from a query, changes its top-level fields in
 * place and stores it again. A find answered a moment earlier may hold that same instance while
 * Netty encodes the reply, and the encoder then fails with a ConcurrentModificationException that
 * closes the client's connection. Updates build their new values from deep copies, so a shallow
 * copy of what a query returns is enough: the update changes the copy, the copy is stored, and the
 * instance a reply may be encoding stays as it was.
 *
 * <p>Only results without a cursor are copied: updates, findAndModify and distinct ask for every
 * match at once, while a find that pages through a cursor only reads.
 *
 * <p>It keeps no running total of its documents' size: the server encoded every inserted document,
 * and both versions of every updated one, to BSON only to keep that total in a map of its own.
 * {@code collStats} and {@code dbStats} add the sizes up when asked instead.
 *
 * <p>A query naming one string or ObjectId {@code _id} reads that document by its key ({@link
 * #byId}), and an update with operators only ({@code $set}, {@code $inc}, {@code $push}...), the
 * shape of every runner write, skips work the server did twice ({@link #updateDocuments}): about an
 * eighth of the server's CPU per run in {@code RunWriteLoad}. {@code LeanUpdatesIT} compares both
 * with mongo-java-server's own code.
 */
final class UnsharedH2Collection extends H2Collection {

  /** The server's own computation of an updated document, private in mongo-java-server 1.47. */
  private static final MethodHandle CALCULATE_UPDATE = calculateUpdate();

  /** The collection's documents by {@code _id}; null while the server's constructor runs. */
  private final MVMap<Object, Document> data;

  UnsharedH2Collection(
      MongoDatabase database,
      String name,
      CollectionOptions options,
      MVMap<Object, Document> data,
      MVMap<String, Object> meta,
      CursorRegistry cursors) {
    super(database, name, options, data, meta, cursors);
    this.data = data;
  }

  /**
   * A query naming one {@code _id} reads that document by its key and matches the rest of the query
   * against it. The server found it through the {@code _id} index (or, with other fields in the
   * query, {@link NarrowingIndex}), then read it at the position the index gave: two B-tree lookups
   * where this collection's key is the {@code _id} itself. Only strings and ObjectIds: a number
   * equals numbers of other types ({@code 1} and {@code 1L}), which a lookup by key would miss.
   */
  private QueryResult byId(Object id, Document query) {
    Document stored = getDocument(id);
    if (stored == null || !documentMatchesQuery(stored, query)) {
      return new QueryResult(List.of());
    }
    return new QueryResult(List.of(new Document(stored)));
  }

  /**
   * The server's update, with four costs left out where they buy nothing. The server matched each
   * found document against the selector a second time to find the position {@code $} stands for,
   * kept a deep copy of it to compare and index against (the found document is a copy already,
   * whose nested values no update changes: {@link #queryDocuments}), compared old and new deeply
   * twice, looked the document's position up in every unique index (this collection's key is its
   * {@code _id}), and checked and moved the document in every index, also those with no key in a
   * field the update names ({@link #indexesOf}). The rest (the update itself, index checks, the
   * oplog entry) is the server's own. Any other update (a replacement, a positional path, array
   * filters, an upsert that inserts) goes to the server's code as before.
   */
  @Override
  public synchronized Document updateDocuments(
      Document selector,
      Document updateQuery,
      ArrayFilters arrayFilters,
      boolean isMulti,
      boolean isUpsert,
      Oplog oplog) {
    if (!operatorsOnly(updateQuery) || !arrayFilters.isEmpty() || getIdField() == null) {
      return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
    }
    int matched = 0;
    List<Object> updatedIds = new ArrayList<>();
    for (Document document : queryDocuments(selector, null, 0, 0, 0, null)) {
      matched++;
      if (update(document, updateQuery, arrayFilters)) {
        updatedIds.add(document.get(getIdField()));
      }
      if (!isMulti) {
        break;
      }
    }
    if (matched == 0 && isUpsert) {
      return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, true, oplog);
    }
    oplog.handleUpdate(getFullName(), selector, updateQuery, updatedIds);
    Document result = new Document();
    result.put("n", matched);
    result.put("nModified", updatedIds.size());
    return result;
  }

  /**
   * The server's {@code updateDocument} for a found copy whose top-level values are the stored
   * document's: whether it changed.
   */
  private boolean update(Document document, Document updateQuery, ArrayFilters arrayFilters) {
    Document updated = calculateUpdate(document, updateQuery, arrayFilters);
    if (updated.equals(document)) {
      return false;
    }
    Document old = new Document(document); // the stored values: only top-level ones change below
    Object position = position(old);
    List<Index<Object>> concerned = indexesOf(changedFields(updateQuery));
    for (Index<Object> index : concerned) {
      index.checkUpdate(old, updated, this);
    }
    for (Index<Object> index : concerned) {
      index.updateInPlace(old, updated, position, this);
    }
    // as the server does: the found document takes the new values, keeping its fields' order
    Set<String> gone = new LinkedHashSet<>(document.keySet());
    gone.removeAll(updated.keySet());
    gone.forEach(document::remove);
    document.putAll(updated);
    handleUpdate(position, old, document);
    return true;
  }

  /**
   * The indexes an update of {@code changed} top-level fields may move: those with a key under one
   * of them. Each index's check and move compute the keys of both versions of the document, which
   * for an index the update does not concern are equal; the server computed them for every index.
   */
  private List<Index<Object>> indexesOf(Set<String> changed) {
    List<Index<Object>> concerned = new ArrayList<>();
    for (Index<Object> index : getIndexes()) {
      for (IndexKey key : index.getKeys()) {
        if (changed.contains(topLevelField(key.getKey()))) {
          concerned.add(index);
          break;
        }
      }
    }
    return concerned;
  }

  /**
   * The top-level fields an update of operators only ({@link #operatorsOnly}) may change: the first
   * name of each path it names, and of each new name a {@code $rename} gives.
   */
  static Set<String> changedFields(Document updateQuery) {
    Set<String> changed = new HashSet<>();
    for (var operator : updateQuery.entrySet()) {
      Document paths = (Document) operator.getValue();
      for (var path : paths.entrySet()) {
        changed.add(topLevelField(path.getKey()));
        if ("$rename".equals(operator.getKey()) && path.getValue() instanceof String renamed) {
          changed.add(topLevelField(renamed));
        }
      }
    }
    return changed;
  }

  private static String topLevelField(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  /**
   * Where the collection keeps {@code document}: its {@code _id}, as {@link H2Collection} keys
   * documents and its unique indexes point at them; the server asked every index instead.
   */
  private Object position(Document document) {
    Object id = document.get(getIdField());
    if (id != null) {
      return id;
    }
    return getIndexes().stream()
        .map(index -> index.getPosition(document))
        .filter(found -> found != null)
        .findFirst()
        .orElse(Missing.getInstance());
  }

  private Document calculateUpdate(
      Document document, Document updateQuery, ArrayFilters arrayFilters) {
    try {
      return (Document)
          CALCULATE_UPDATE.invoke(this, document, updateQuery, arrayFilters, null, false);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Operators only, none naming a positional path ({@code $}, {@code $[]}, {@code $[id]}). */
  private static boolean operatorsOnly(Document updateQuery) {
    if (updateQuery.isEmpty()) {
      return false;
    }
    for (var entry : updateQuery.entrySet()) {
      if (!entry.getKey().startsWith("$") || !(entry.getValue() instanceof Document change)) {
        return false;
      }
      for (String path : change.keySet()) {
        if (path.indexOf('$') >= 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static MethodHandle calculateUpdate() {
    try {
      return MethodHandles.privateLookupIn(AbstractMongoCollection.class, MethodHandles.lookup())
          .findVirtual(
              AbstractMongoCollection.class,
              "calculateUpdateDocument",
              MethodType.methodType(
                  Document.class,
                  Document.class,
                  Document.class,
                  ArrayFilters.class,
                  Integer.class,
                  boolean.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  /**
   * The documents' size added up, one document at a time. The server's constructor asks for it only
   * to log it at debug level: then it is 0, since summing would read every stored document at every
   * start. It used to collect the whole collection into a list first, so a store larger than the
   * heap could not be opened at all (the oplog of a busy week, say).
   */
  @Override
  protected int getDataSize() {
    if (data == null) {
      return 0;
    }
    long size = 0;
    for (Document document : data.values()) {
      size += BsonCodec.size(document);
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  @Override
  protected QueryResult queryDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    Object id = getIdField() == null ? null : query.get(getIdField());
    if ((id instanceof String || id instanceof ObjectId)
        && numberToSkip == 0
        && (orderBy == null || orderBy.isEmpty())
        && fieldSelector == null) {
      return byId(id, query);
    }
    QueryResult result =
        super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    if (result.getCursorId() != 0) {
      return result;
    }
    List<Document> copies = new ArrayList<>();
    for (Document document : result) {
      copies.add(new Document(document));
    }
    return new QueryResult(copies);
  }
}
