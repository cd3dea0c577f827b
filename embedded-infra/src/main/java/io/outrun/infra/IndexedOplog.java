package io.outrun.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
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
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * mongo-java-server's oplog, made cheap to tail. Its own {@code CollectionBackedOplog} answers
 * every change-stream {@code getMore} by reading and sorting the whole oplog, and finds an update's
 * full document by scanning the whole collection; a cursor whose filter matches nothing never moves
 * on, so it rereads ever more. With a few streams open, every write made the server do work in
 * proportion to all writes so far (measured: a few dozen runs per second on two cores).
 *
 * <p>Here entries are still stored in {@code local.oplog.rs} (so resume tokens survive a restart),
 * each with its timestamp as its {@code _id}, so the collection's map keeps them in timestamp order
 * ({@link OplogHistory}). A cursor ({@link OplogTail}) remembers the last entry it examined,
 * matched or not, and reads only what came after it. An update's full document is looked up by
 * {@code _id}. Change events have MongoDB's shape ({@link ChangeEvents}).
 */
final class IndexedOplog implements Oplog {

  private final MongoBackend backend;
  private final MongoCollection<Document> stored;
  private final OplogHistory history;
  private final OplogWrites writes;
  private final CursorRegistry cursors;
  private final Clock clock;
  private final UUID ui = UUID.randomUUID();
  private int increment; // guarded by this
  private volatile BsonTimestamp last;

  IndexedOplog(
      MongoBackend backend,
      MongoCollection<Document> stored,
      OplogHistory history,
      CursorRegistry cursors,
      Clock clock) {
    this.backend = backend;
    this.stored = stored;
    this.history = history;
    this.cursors = cursors;
    this.clock = clock;
    this.last = history.newest();
    this.writes = new OplogWrites(last == null ? 0 : last.getValue());
  }

  /** The newest entry's timestamp, null if there is none: read once on open, then kept. */
  BsonTimestamp newest() {
    return last;
  }

  /**
   * Deletes up to {@code max} of the oldest entries written before {@code before}, from the stored
   * collection and its {@code _id} index, as a {@code delete} command would, but found by walking
   * from the oldest entry instead of matching every entry of the oplog against a filter.
   *
   * @return how many were deleted; fewer than {@code max} when none older is left
   */
  int trimBefore(BsonTimestamp before, int max) {
    synchronized (stored) { // the collection's own lock, as its commands take it
      List<Document> oldest = history.oldestBefore(before.getValue(), max);
      oldest.forEach(stored::removeDocument);
      return oldest.size();
    }
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
    if (!isOplog(namespace)) { // entries deleted from the oplog itself: trimmed, no event
      deletedIds.forEach(id -> append("d", namespace, new Document("_id", id), null));
    }
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
      if (history.droppedUpTo(namespace, examined)) {
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
    BiFunction<String, Document, Document> lookup =
        "updateLookup".equals(changeStream.get("fullDocument")) ? this::fullDocument : null;
    OplogTail cursor =
        new OplogTail(
            cursors.generateCursorId(), history, writes, examined, namespace, aggregation, lookup);
    cursors.add(cursor);
    return cursor;
  }

  /**
   * Entries reach the stored oplog in timestamp order: the timestamp is taken and the entry stored
   * under this oplog's lock (and then the stored collection's, which nothing takes the other way
   * round).
   */
  private synchronized void append(String op, String namespace, Document o, Document o2) {
    BsonTimestamp ts = nextTimestamp();
    Document entry =
        new Document(ChangeEvents.TS, ts)
            .append("t", 1L)
            .append("h", 0L)
            .append("v", 2L)
            .append(ChangeEvents.OP, op)
            .append(ChangeEvents.NS, namespace)
            .append("ui", ui)
            .append("wall", clock.instant())
            .append("o", o);
    if (o2 != null) {
      entry.append("o2", o2);
    }
    stored.addDocument(entry.append("_id", ts));
    writes.appended(namespace, ts.getValue());
    last = ts;
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

  /**
   * As MongoDB: resuming after a point the oplog no longer reaches (trimmed since) fails with
   * ChangeStreamHistoryLost (286), instead of silently skipping what was lost.
   */
  private void requireHistorySince(long position) {
    BsonTimestamp newest = last;
    boolean trimmedPast =
        newest != null && position < newest.getValue() && history.oldest() > position;
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

  private boolean isOplog(String namespace) {
    return stored.getFullName().equals(namespace);
  }
}
