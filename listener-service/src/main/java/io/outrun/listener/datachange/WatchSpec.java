package io.outrun.listener.datachange;

import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.OutrunCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * What a data-change trigger watches: a collection, the operations and the filter, as a change
 * stream pipeline. Built from the trigger's config, or refused with a reason (one of Outrun's own
 * collections, a system database, no collection).
 */
record WatchSpec(
    String triggerId,
    String database,
    String collection,
    List<String> operations,
    Map<String, Object> filter) {

  static final List<String> OPERATIONS = List.of("insert", "update", "replace", "delete");

  /** Events that end a collection's stream; they always pass the pipeline. */
  static final List<String> ENDINGS = List.of("drop", "rename", "dropDatabase", "invalidate");

  private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

  /** A spec, or why the trigger cannot be watched. */
  sealed interface Result permits Watchable, Refused {}

  record Watchable(WatchSpec spec) implements Result {}

  record Refused(String reason) implements Result {}

  static Result of(FireableTrigger trigger, String ownDatabase) {
    String database = trigger.configString("database");
    database = database == null || database.isBlank() ? ownDatabase : database;
    String collection = trigger.configString("collection");
    if (collection == null || collection.isBlank()) {
      return new Refused("the trigger names no collection");
    }
    if (SYSTEM_DATABASES.contains(database) || collection.startsWith("system.")) {
      return new Refused("system databases and collections cannot be watched");
    }
    if (database.equals(ownDatabase) && OutrunCollections.isOwn(collection)) {
      return new Refused(
          "'" + collection + "' is one of Outrun's own collections and cannot be watched");
    }
    return new Watchable(
        new WatchSpec(
            trigger.triggerId(),
            database,
            collection,
            operations(trigger.config().get("operations")),
            filter(trigger.config().get("filter"))));
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

  private static List<String> operations(Object configured) {
    if (!(configured instanceof List<?> list) || list.isEmpty()) {
      return OPERATIONS;
    }
    List<String> chosen = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof String operation && OPERATIONS.contains(operation)) {
        chosen.add(operation);
      }
    }
    return chosen.isEmpty() ? OPERATIONS : List.copyOf(chosen);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> filter(Object configured) {
    return configured instanceof Map<?, ?> map
        ? java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>((Map<String, Object>) map))
        : Map.of();
  }
}
