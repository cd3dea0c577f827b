package io.outrun.triggers;

import io.outrun.triggers.DataChangeConfig.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code data_change}: which collection to watch, for which operations, with which filter.
 * MongoDB's system collections and databases cannot be watched, nor (checked against the service's
 * own database, a request's {@link RequestContext}) Outrun's own collections. The filter is a
 * MongoDB query on the change event, kept as given ({@code $} operators, dotted paths), except for
 * operators that run code on the server and the keys of a database reference ({@code $ref}, {@code
 * $id}, {@code $db}), which the document mapper would turn into a reference it then tries to
 * resolve on every read of the trigger.
 */
final class DataChangeRule {

  static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");
  static final Set<String> FORBIDDEN_OPERATORS =
      Set.of("$where", "$function", "$accumulator", "$ref", "$id", "$db");
  private static final List<Operation> ALL = List.of(Operation.values());

  private DataChangeRule() {}

  /**
   * The config, or null when {@code fields} has recorded why there is none. With a request's {@code
   * context}, one of Outrun's own collections in its own database is refused.
   */
  static DataChangeConfig read(ConfigFields fields, RequestContext context) {
    String named = fields.text("database");
    String database = named;
    if (named != null
        && (SYSTEM_DATABASES.contains(named) || !named.matches("[A-Za-z0-9_-]{1,63}"))) {
      fields.reject("database", "must be a user database name (not admin, local or config)");
      database = null;
    }
    String collection = fields.text("collection");
    if (!fields.has("collection")) {
      fields.reject("collection", "is required");
    } else if (collection != null) {
      Optional<String> problem = collectionProblem(collection, named, context);
      problem.ifPresent(message -> fields.reject("collection", message));
      collection = problem.isPresent() ? null : collection;
    }
    List<Operation> operations = operations(fields);
    Map<String, Object> filter = filter(fields);
    return collection == null
        ? null
        : new DataChangeConfig(database, collection, operations, filter);
  }

  static Map<String, Object> write(DataChangeConfig config) {
    Map<String, Object> stored = new LinkedHashMap<>();
    if (config.database() != null) {
      stored.put("database", config.database());
    }
    stored.put("collection", config.collection());
    stored.put("operations", config.operations().stream().map(Operation::wireName).toList());
    stored.put("filter", config.filter());
    return stored;
  }

  private static Optional<String> collectionProblem(
      String collection, String database, RequestContext context) {
    if (collection.startsWith("system.")) {
      return Optional.of("system collections cannot be watched");
    }
    if (context != null
        && DataChangeConfig.isOwnCollection(
            database, collection, context.ownDatabase(), context.ownCollections())) {
      return Optional.of(
          "'" + collection + "' is one of Outrun's internal collections and cannot be watched");
    }
    if (collection.contains("$") || collection.indexOf('\0') >= 0 || collection.length() > 120) {
      return Optional.of("is not a valid collection name");
    }
    return Optional.empty();
  }

  private static List<Operation> operations(ConfigFields fields) {
    Object value = fields.raw("operations");
    String allowed = String.join(", ", WireName.all(Operation.class));
    if (value == null) {
      return ALL;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      fields.reject("operations", "must be a non-empty list of " + allowed);
      return ALL;
    }
    List<Operation> chosen = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Optional<Operation> operation =
          list.get(i) instanceof String text
              ? WireName.find(Operation.class, text)
              : Optional.empty();
      if (operation.isEmpty()) {
        fields.reject("operations[" + i + "]", "must be one of " + allowed);
      } else if (!chosen.contains(operation.get())) {
        chosen.add(operation.get());
      }
    }
    return Arrays.stream(Operation.values()).filter(chosen::contains).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> filter(ConfigFields fields) {
    Object value = fields.raw("filter");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> filter)) {
      fields.reject("filter", "must be an object (a MongoDB query on the change event)");
      return Map.of();
    }
    String operator = forbiddenOperator(filter);
    if (operator != null) {
      fields.reject("filter", operator + " is not allowed in a filter");
    }
    return (Map<String, Object>) filter;
  }

  /**
   * Server-side JavaScript operators (also inside {@code $expr}) and reference keys, anywhere in
   * the filter.
   */
  private static String forbiddenOperator(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String nested =
            FORBIDDEN_OPERATORS.contains(key) ? key : forbiddenOperator(entry.getValue());
        if (nested != null) {
          return nested;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        String nested = forbiddenOperator(item);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }
}
