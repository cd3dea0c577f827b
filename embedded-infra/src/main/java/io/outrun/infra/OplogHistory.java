package io.outrun.infra;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The stored oplog ({@code local.oplog.rs}) read by timestamp. Every entry's {@code _id} is its
 * timestamp, so the collection's own map keeps them in order: reading on from a point is a walk
 * from that key, and the oldest and newest are its first and last keys. Its recent pages are in
 * MVStore's cache (they were just written), so a stream keeping up reads objects, not the file.
 */
final class OplogHistory {

  private final MVMap<Object, Document> entries;

  OplogHistory(MVMap<Object, Document> entries) {
    this.entries = entries;
  }

  /** Entries after {@code position} (a timestamp's value), oldest first. */
  Iterator<Document> after(long position) {
    Cursor<Object, Document> cursor = entries.cursor(new BsonTimestamp(position + 1));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public Document next() {
        cursor.next();
        return cursor.getValue();
      }
    };
  }

  /**
   * The oldest entries, up to {@code max}, whose timestamp value is below {@code position}: a walk
   * from the first key, so its cost follows how many there are, not the size of the oplog.
   */
  List<Document> oldestBefore(long position, int max) {
    List<Document> oldest = new ArrayList<>();
    Cursor<Object, Document> cursor = entries.cursor(null);
    while (oldest.size() < max && cursor.hasNext()) {
      if (((BsonTimestamp) cursor.next()).getValue() >= position) {
        break;
      }
      oldest.add(cursor.getValue());
    }
    return oldest;
  }

  /** The newest entry's timestamp, null if there is none. */
  BsonTimestamp newest() {
    return entries.isEmpty() ? null : (BsonTimestamp) entries.lastKey();
  }

  /** The oldest entry's timestamp value, {@link Long#MAX_VALUE} if there is none. */
  long oldest() {
    return entries.isEmpty() ? Long.MAX_VALUE : ((BsonTimestamp) entries.firstKey()).getValue();
  }

  /** Whether the collection was dropped at or before {@code position}. */
  boolean droppedUpTo(String namespace, long position) {
    Document drop = new Document("drop", Utils.getCollectionNameFromFullName(namespace));
    String commands = Utils.getDatabaseNameFromFullName(namespace) + ".$cmd";
    Cursor<Object, Document> cursor = entries.cursor(null, new BsonTimestamp(position), false);
    while (cursor.hasNext()) {
      cursor.next();
      Document entry = cursor.getValue();
      if ("c".equals(entry.get(ChangeEvents.OP))
          && commands.equals(entry.get(ChangeEvents.NS))
          && drop.equals(entry.get("o"))) {
        return true;
      }
    }
    return false;
  }
}
