package io.outrun.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.oplog.OplogPosition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mongo-java-server's oplog, made cheap to tail. Its own {@code CollectionBackedOplog} answers
 * every change-stream {@code getMore} by reading and sorting the whole oplog, and finds an update's
 * full document by scanning the whole collection; a cursor whose filter matches nothing never moves
 * on, so it rereads ever more. With a few streams open, every write made the server do work in
 * proportion to all writes so far (measured: a few dozen runs per second on two cores).
 *
 * <p>Here entries are still stored in {@code local.oplog.rs} (so resume tokens survive a restart),
 * and the newest {@code window} entries are also kept in memory, ordered by timestamp. A cursor
 * remembers the last entry it examined, matched or not, and reads only what came after it: from
 * memory, or from the stored oplog when it has fallen behind the window. An update's full document
 * is looked up by {@code _id}. Change events have MongoDB's shape: an update's {@code documentKey}
 * is {@code {_id}} and it carries {@code updateDescription}.
 */
final class IndexedOplog implements Oplog {

  private static final String TS = "ts";
  private static final String NS = "ns";
  private static final String OP = "op";

  private final MongoBackend backend;
  private final MongoCollection<Document> stored;
  private final CursorRegistry cursors;
  private final Clock clock;
  private final int window;
  private final UUID ui = UUID.randomUUID();
  private final NavigableMap<Long, Document> recent = new ConcurrentSkipListMap<>();

  /** Every entry with a timestamp value from this one on is in {@link #recent}. */
  private final AtomicLong coveredFrom = new AtomicLong();

  private final AtomicInteger recentCount = new AtomicInteger();
  private int increment; // guarded by this
  private volatile BsonTimestamp last;

  IndexedOplog(
      MongoBackend backend,
      MongoCollection<Document> stored,
      CursorRegistry cursors,
      Clock clock,
      int window) {
    this.backend = backend;
    this.stored = stored;
    this.cursors = cursors;
    this.clock = clock;
    this.window = window;
    this.last =
        stored
            .queryAllAsStream()
            .map(entry -> (BsonTimestamp) entry.get(TS))
            .max(Comparator.naturalOrder())
            .orElse(null);
    this.coveredFrom.set(last == null ? 0 : last.getValue() + 1);
  }

  /** The newest entry's timestamp, null if there is none: read once on open, then kept. */
  BsonTimestamp newest() {
    return last;
  }

  @Override
  public void handleInsert(String namespace, List<Document> documents) {
    if (!isOplog(namespace)) {
      documents.forEach(document -> append("i", namespace, document.cloneDeeply(), null));
    }
  }

  @Override
  public void handleUpdate(
      String namespace, Document selector, Document update, List<Object> modifiedIds) {
    if (!isOplog(namespace)) {
      modifiedIds.forEach(id -> append("u", namespace, update, new Document("_id", id)));
    }
  }

  @Override
  public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
    if (isOplog(namespace)) {
      forget(deletedIds); // trimmed by EmbeddedMongo.trimOplog
      return;
    }
    deletedIds.forEach(id -> append("d", namespace, new Document("_id", id), null));
  }

  @Override
  public void handleDropCollection(String namespace) {
    if (!isOplog(namespace)) {
      String database = Utils.getDatabaseNameFromFullName(namespace);
      String collection = Utils.getCollectionNameFromFullName(namespace);
      append("c", database + ".$cmd", new Document("drop", collection), null);
    }
  }

  @Override
  public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
    Document startAfter = (Document) changeStream.get("startAfter");
    Document resumeAfter = (Document) changeStream.get("resumeAfter");
    BsonTimestamp startAt = (BsonTimestamp) changeStream.get("startAtOperationTime");
    long examined;
    if (startAfter != null) {
      examined = tokenValue(startAfter);
      requireHistorySince(examined);
    } else if (resumeAfter != null) {
      examined = tokenValue(resumeAfter);
      requireHistorySince(examined);
      if (droppedUpTo(namespace, examined)) {
        return invalidated(resumeAfter);
      }
    } else if (startAt != null) {
      examined = startAt.getValue() - 1;
      requireHistorySince(examined);
    } else {
      BsonTimestamp newest = last;
      examined =
          newest == null ? new BsonTimestamp(clock.instant(), 0).getValue() : newest.getValue();
    }
    Tail cursor =
        new Tail(
            cursors.generateCursorId(),
            examined,
            namespace,
            aggregation,
            "updateLookup".equals(changeStream.get("fullDocument")));
    cursors.add(cursor);
    return cursor;
  }

  // --- writing

  /**
   * Takes this oplog's lock, then the stored collection's: nothing may take them the other way
   * round (a delete from the stored oplog, which holds the collection's lock, calls {@link #forget}
   * without taking this one).
   */
  private synchronized void append(String op, String namespace, Document o, Document o2) {
    BsonTimestamp ts = nextTimestamp();
    Document entry =
        new Document(TS, ts)
            .append("t", 1L)
            .append("h", 0L)
            .append("v", 2L)
            .append(OP, op)
            .append(NS, namespace)
            .append("ui", ui)
            .append("wall", clock.instant())
            .append("o", o);
    if (o2 != null) {
      entry.append("o2", o2);
    }
    stored.addDocument(entry);
    recent.put(ts.getValue(), entry);
    last = ts;
    if (recentCount.incrementAndGet() > window) {
      Map.Entry<Long, Document> oldest = recent.pollFirstEntry();
      if (oldest != null) {
        recentCount.decrementAndGet();
        coveredFrom.accumulateAndGet(oldest.getKey() + 1, Math::max);
      }
    }
  }

  /** The clock's second and a counter, never behind the newest entry (as MongoDB's oplog). */
  private BsonTimestamp nextTimestamp() {
    BsonTimestamp next = new BsonTimestamp(clock.instant(), ++increment);
    BsonTimestamp newest = last;
    if (newest != null && next.compareTo(newest) <= 0) {
      next = new BsonTimestamp(Instant.ofEpochSecond(newest.getTime()), newest.getInc() + 1);
    }
    return next;
  }

  /** Lock-free: called while the stored oplog's lock is held (see {@link #append}). */
  private void forget(List<Object> trimmedIds) {
    Set<Object> ids = new HashSet<>(trimmedIds);
    recent
        .entrySet()
        .removeIf(
            entry -> {
              boolean trimmed = ids.contains(entry.getValue().get("_id"));
              if (trimmed) {
                recentCount.decrementAndGet();
                coveredFrom.accumulateAndGet(entry.getKey() + 1, Math::max);
              }
              return trimmed;
            });
  }

  // --- reading

  /** Entries after {@code examined}, oldest first. */
  private Iterator<Document> after(long examined) {
    if (examined + 1 >= coveredFrom.get()) {
      return recent.tailMap(examined, false).values().iterator();
    }
    return stored
        .queryAllAsStream()
        .filter(entry -> timestamp(entry) > examined)
        .sorted(Comparator.comparingLong(IndexedOplog::timestamp))
        .iterator();
  }

  private Document toChange(Document entry, boolean lookUpFullDocument) {
    BsonTimestamp ts = (BsonTimestamp) entry.get(TS);
    Document id = new Document("_data", new OplogPosition(ts).toHexString());
    Document o = (Document) entry.get("o");
    String op = (String) entry.get(OP);
    if ("u".equals(op) && isReplacement(o)) {
      op = "r";
    }
    Document change = new Document("_id", id);
    switch (op) {
      case "i" ->
          change
              .append("operationType", "insert")
              .append("fullDocument", o)
              .append("documentKey", new Document("_id", o.get("_id")));
      case "r" -> {
        Document key = (Document) entry.get("o2");
        Document replacement = new Document("_id", key.get("_id"));
        o.forEach((field, value) -> replacement.putIfAbsent(field, value));
        change
            .append("operationType", "replace")
            .append("fullDocument", replacement)
            .append("documentKey", key);
      }
      case "u" -> {
        Document key = (Document) entry.get("o2");
        change
            .append("operationType", "update")
            .append(
                "fullDocument",
                lookUpFullDocument ? fullDocument((String) entry.get(NS), key) : null)
            .append("documentKey", key)
            .append("updateDescription", updateDescription(o));
      }
      case "d" -> change.append("operationType", "delete").append("documentKey", o);
      case "c" -> {
        // only drops are recorded as commands: as MongoDB, the event names the dropped collection
        String database = Utils.getDatabaseNameFromFullName((String) entry.get(NS));
        return change
            .append("operationType", "drop")
            .append("ns", new Document("db", database).append("coll", o.get("drop")))
            .append("clusterTime", ts);
      }
      default -> throw new IllegalStateException("unknown oplog operation " + op);
    }
    return change.append("ns", namespaceOf(entry)).append("clusterTime", ts);
  }

  /**
   * As MongoDB, a collection's stream ends with an {@code invalidate} event after the collection is
   * dropped; its token is for {@code startAfter}, which goes on after the drop.
   */
  private static Document invalidate(Document drop) {
    return new Document("_id", drop.get("_id"))
        .append("operationType", "invalidate")
        .append("clusterTime", drop.get("clusterTime"));
  }

  @SuppressWarnings("unchecked") // mongo-java-server keeps Documents in every collection
  private Document fullDocument(String namespace, Document key) {
    MongoDatabase database = backend.resolveDatabase(Utils.getDatabaseNameFromFullName(namespace));
    MongoCollection<Document> collection =
        (MongoCollection<Document>)
            database.resolveCollection(Utils.getCollectionNameFromFullName(namespace), false);
    if (collection == null) {
      return null;
    }
    return collection.handleQueryAsStream(key).findFirst().orElse(null);
  }

  /** A replacement document names no update operators (MongoDB reports it as {@code replace}). */
  private static boolean isReplacement(Document update) {
    return update.keySet().stream().noneMatch(field -> field.startsWith("$"));
  }

  private static Document updateDescription(Document update) {
    Document updated = new Document();
    List<String> removed = new ArrayList<>();
    if (update.get("$set") instanceof Document set) {
      updated.putAll(set);
    }
    if (update.get("$unset") instanceof Document unset) {
      removed.addAll(unset.keySet());
    }
    return new Document("updatedFields", updated).append("removedFields", removed);
  }

  private static Document namespaceOf(Document entry) {
    String ns = (String) entry.get(NS);
    return new Document("db", Utils.getDatabaseNameFromFullName(ns))
        .append("coll", Utils.getCollectionNameFromFullName(ns));
  }

  /** The entry concerns {@code namespace}: a document in it, or its drop. */
  private static boolean concerns(Document entry, String namespace) {
    String ns = (String) entry.get(NS);
    return ns.equals(namespace) || isDropOf(entry, namespace);
  }

  private static boolean isDropOf(Document entry, String namespace) {
    String ns = (String) entry.get(NS);
    return "c".equals(entry.get(OP))
        && Utils.getDatabaseNameFromFullName(ns)
            .equals(Utils.getDatabaseNameFromFullName(namespace))
        && "$cmd".equals(Utils.getCollectionNameFromFullName(ns))
        && entry.get("o") instanceof Document o
        && Utils.getCollectionNameFromFullName(namespace).equals(o.get("drop"));
  }

  /** Whether the collection was dropped at or before the resume point (then resuming fails). */
  private boolean droppedUpTo(String namespace, long position) {
    Document drop = new Document("drop", Utils.getCollectionNameFromFullName(namespace));
    String commands = Utils.getDatabaseNameFromFullName(namespace) + ".$cmd";
    return stored
        .queryAllAsStream()
        .anyMatch(
            entry ->
                timestamp(entry) <= position
                    && "c".equals(entry.get(OP))
                    && commands.equals(entry.get(NS))
                    && drop.equals(entry.get("o")));
  }

  /**
   * As MongoDB: resuming after a point the oplog no longer reaches (trimmed since) fails with
   * ChangeStreamHistoryLost (286), instead of silently skipping what was lost.
   */
  private void requireHistorySince(long position) {
    long oldest =
        stored.queryAllAsStream().mapToLong(IndexedOplog::timestamp).min().orElse(Long.MAX_VALUE);
    BsonTimestamp newest = last;
    boolean trimmedPast = newest != null && position < newest.getValue() && oldest > position;
    if (trimmedPast) {
      throw new MongoServerError(
          286,
          "ChangeStreamHistoryLost",
          "Resume of change stream was not possible, as the resume point may no longer be in the"
              + " oplog.");
    }
  }

  private Cursor invalidated(Document resumeAfter) {
    try {
      var type = Class.forName("de.bwaldvogel.mongo.oplog.InvalidateOplogCursor");
      var constructor = type.getDeclaredConstructor(OplogPosition.class);
      constructor.setAccessible(true);
      return (Cursor) constructor.newInstance(OplogPosition.fromDocument(resumeAfter));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("mongo-java-server changed its invalidate cursor", e);
    }
  }

  private static long tokenValue(Document token) {
    return Long.parseLong((String) token.get("_data"), 16);
  }

  private static long timestamp(Document entry) {
    return ((BsonTimestamp) entry.get(TS)).getValue();
  }

  private boolean isOplog(String namespace) {
    return stored.getFullName().equals(namespace);
  }

  /** A change stream's cursor: reads on from the last entry it examined, matched or not. */
  private final class Tail extends AbstractCursor {

    private final String namespace;
    private final Aggregation stages;
    private final boolean lookUpFullDocument;
    private long examined;
    private boolean invalidated;

    Tail(long id, long examined, String namespace, Aggregation stages, boolean lookUpFullDocument) {
      super(id);
      this.examined = examined;
      this.namespace = namespace;
      this.stages = stages;
      this.lookUpFullDocument = lookUpFullDocument;
    }

    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    public synchronized List<Document> takeDocuments(int limit) {
      List<Document> batch = new ArrayList<>();
      Iterator<Document> entries =
          invalidated ? java.util.Collections.emptyIterator() : after(examined);
      while (entries.hasNext() && (limit <= 0 || batch.size() < limit)) {
        Document entry = entries.next();
        examined = timestamp(entry);
        if (concerns(entry, namespace)) {
          Document change = toChange(entry, lookUpFullDocument);
          stages.runStagesAsStream(java.util.stream.Stream.of(change)).forEach(batch::add);
          if (isDropOf(entry, namespace)) {
            batch.add(invalidate(change)); // and the stream reads nothing more
            invalidated = true;
            break;
          }
        }
      }
      return batch;
    }
  }
}
