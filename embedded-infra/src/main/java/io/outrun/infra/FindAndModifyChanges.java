package io.outrun.infra;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Writes the oplog entry MongoDB writes for a {@code findAndModify}, which mongo-java-server
 * executes without one: without it a change stream never sees a document changed that way.
 */
final class FindAndModifyChanges {

  private FindAndModifyChanges() {}

  /**
   * @param findOne reads one document of a collection by a filter, for an upsert whose response
   *     does not carry the inserted document
   */
  static void record(
      Oplog oplog,
      String database,
      Document command,
      Document response,
      BiFunction<String, Document, Document> findOne) {
    String collection = String.valueOf(command.values().iterator().next());
    String namespace = database + "." + collection;
    Document value = response.get("value") instanceof Document document ? document : null;
    Document outcome =
        response.get("lastErrorObject") instanceof Document document ? document : new Document();
    boolean matchedExisting = Boolean.TRUE.equals(outcome.get("updatedExisting"));
    if (Boolean.TRUE.equals(command.get("remove"))) {
      if (value != null) {
        oplog.handleDelete(namespace, idFilter(value.get("_id")), List.of(value.get("_id")));
      }
    } else if (matchedExisting && value != null) {
      Object id = value.get("_id");
      oplog.handleUpdate(namespace, idFilter(id), updateOf(command), List.of(id));
    } else if (Boolean.TRUE.equals(command.get("upsert"))) {
      // mongo-java-server answers an upsert that inserted with no lastErrorObject at all
      Document inserted =
          Boolean.TRUE.equals(command.get("new")) && value != null
              ? value
              : findOne.apply(collection, filterOf(command));
      if (inserted != null) {
        oplog.handleInsert(namespace, List.of(inserted));
      }
    }
  }

  private static Document updateOf(Document command) {
    return command.get("update") instanceof Document update ? update : new Document();
  }

  private static Document filterOf(Document command) {
    return command.get("query") instanceof Document query ? query : new Document();
  }

  private static Document idFilter(Object id) {
    return new Document("_id", id);
  }
}
