package io.outrun.infra;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.OplogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Oplog entries as MongoDB's change events: an update's {@code documentKey} is {@code {_id}} and it
 * carries {@code updateDescription}; a replacement is a {@code replace} with the new document; a
 * collection's drop is a {@code drop} naming it, followed by an {@code invalidate}. Pure.
 */
final class ChangeEvents {

  static final String TS = "ts";
  static final String NS = "ns";
  static final String OP = "op";

  private ChangeEvents() {}

  /**
   * @param fullDocument an update's document as it is now, by namespace and {@code {_id}}; null
   *     when the stream did not ask for it
   * @param namespace the collection the stream watches, which the entry {@link #concerns}: split
   *     into its names once per stream rather than at each entry
   */
  static Document toChange(
      Document entry, BiFunction<String, Document, Document> fullDocument, Namespace namespace) {
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
        o.forEach(replacement::putIfAbsent);
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
                fullDocument == null ? null : fullDocument.apply((String) entry.get(NS), key))
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
    return change.append("ns", namespace.toDocument()).append("clusterTime", ts);
  }

  /**
   * As MongoDB, a collection's stream ends with an {@code invalidate} event after the collection is
   * dropped; its token is for {@code startAfter}, which goes on after the drop.
   */
  static Document invalidate(Document drop) {
    return new Document("_id", drop.get("_id"))
        .append("operationType", "invalidate")
        .append("clusterTime", drop.get("clusterTime"));
  }

  /** The entry concerns {@code namespace}: a document in it, or its drop. */
  static boolean concerns(Document entry, String namespace) {
    String ns = (String) entry.get(NS);
    return ns.equals(namespace) || isDropOf(entry, namespace);
  }

  static boolean isDropOf(Document entry, String namespace) {
    String ns = (String) entry.get(NS);
    return "c".equals(entry.get(OP))
        && Utils.getDatabaseNameFromFullName(ns)
            .equals(Utils.getDatabaseNameFromFullName(namespace))
        && "$cmd".equals(Utils.getCollectionNameFromFullName(ns))
        && entry.get("o") instanceof Document o
        && Utils.getCollectionNameFromFullName(namespace).equals(o.get("drop"));
  }

  static long timestamp(Document entry) {
    return ((BsonTimestamp) entry.get(TS)).getValue();
  }

  /** A replacement document names no update operators (MongoDB reports it as {@code replace}). */
  private static boolean isReplacement(Document update) {
    for (String field : update.keySet()) {
      if (field.startsWith("$")) {
        return false;
      }
    }
    return true;
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

  /** A collection's full name, and its database's and its own name, as a change event names it. */
  record Namespace(String fullName, String database, String collection) {

    static Namespace of(String fullName) {
      return new Namespace(
          fullName,
          Utils.getDatabaseNameFromFullName(fullName),
          Utils.getCollectionNameFromFullName(fullName));
    }

    Document toDocument() {
      return new Document("db", database).append("coll", collection);
    }
  }
}
