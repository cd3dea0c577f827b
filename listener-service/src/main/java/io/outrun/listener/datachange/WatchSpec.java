package io.outrun.listener.datachange;

import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.OutrunCollections;
import io.outrun.triggers.DataChangeConfig;
import io.outrun.triggers.StoredConfig;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What a data-change trigger watches: a collection, the operations and the filter, as a change
 * stream pipeline. Built from the trigger's typed config, or refused with a reason: a stored config
 * that cannot be read (no collection, a system database or collection, ...), or one of Outrun's own
 * collections in its own database.
 */
record WatchSpec(
    String triggerId,
    String database,
    String collection,
    List<String> operations,
    Map<String, Object> filter) {

  /** Events that end a collection's stream; they always pass the pipeline. */
  static final List<String> ENDINGS = List.of("drop", "rename", "dropDatabase", "invalidate");

  /** A spec, or why the trigger cannot be watched. */
  sealed interface Result permits Watchable, Refused {}

  record Watchable(WatchSpec spec) implements Result {}

  record Refused(String reason) implements Result {}

  static Result of(FireableTrigger trigger, String ownDatabase) {
    return switch (trigger.config()) {
      case StoredConfig.Unreadable unreadable -> new Refused(unreadable.reason());
      case StoredConfig.Readable(DataChangeConfig config)
          when config.watchesOwnCollection(ownDatabase, OutrunCollections.ALL) ->
          new Refused(
              "'"
                  + config.collection()
                  + "' is one of Outrun's own collections and cannot be watched");
      case StoredConfig.Readable(DataChangeConfig config) ->
          new Watchable(spec(trigger.triggerId(), config, ownDatabase));
      case StoredConfig.Readable readable -> new Refused("it is not a data-change trigger");
    };
  }

  private static WatchSpec spec(String triggerId, DataChangeConfig config, String ownDatabase) {
    return new WatchSpec(
        triggerId,
        config.databaseOr(ownDatabase),
        config.collection(),
        config.operations().stream().map(DataChangeConfig.Operation::wireName).toList(),
        config.filter());
  }

  /**
   * One {@code $match}: a change of one of the operations that also matches the filter (whose keys
   * are change-event paths such as {@code fullDocument.status}), or an event that ends the stream.
   */
  List<Document> pipeline() {
    Document wanted = new Document("operationType", new Document("$in", operations));
    Document matching =
        filter.isEmpty() ? wanted : new Document("$and", List.of(wanted, new Document(filter)));
    Document ending = new Document("operationType", new Document("$in", ENDINGS));
    return List.of(new Document("$match", new Document("$or", List.of(matching, ending))));
  }

  String namespace() {
    return database + "." + collection;
  }
}
