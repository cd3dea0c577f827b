package io.outrun.api.trigger;

import io.outrun.service.OutrunCollections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code data_change}: which collection to watch, for which operations, with which filter. Outrun's
 * own collections and MongoDB's system collections and databases cannot be watched. The filter is a
 * MongoDB query on the change event, stored as given ({@code $} operators, dotted paths), except
 * for operators that run code on the server and the keys of a database reference ({@code $ref},
 * {@code $id}, {@code $db}), which the document mapper would turn into a reference it then tries to
 * resolve on every read of the trigger.
 */
final class DataChangeConfigRule {

  static final List<String> OPERATIONS = List.of("insert", "update", "replace", "delete");
  static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");
  static final Set<String> FORBIDDEN_OPERATORS =
      Set.of("$where", "$function", "$accumulator", "$ref", "$id", "$db");

  private DataChangeConfigRule() {}

  static Map<String, Object> normalize(ConfigFields fields, String ownDatabase) {
    Map<String, Object> stored = new LinkedHashMap<>();
    String database = fields.text("database");
    if (database != null) {
      if (SYSTEM_DATABASES.contains(database) || !database.matches("[A-Za-z0-9_-]{1,63}")) {
        fields.reject("database", "must be a user database name (not admin, local or config)");
      } else {
        stored.put("database", database);
      }
    }
    String collection = fields.text("collection");
    boolean own = database == null || database.equals(ownDatabase);
    if (!fields.has("collection")) {
      fields.reject("collection", "is required");
    } else if (collection != null) {
      String problem = collectionProblem(collection, own);
      if (problem != null) {
        fields.reject("collection", problem);
      } else {
        stored.put("collection", collection);
      }
    }
    stored.put("operations", operations(fields));
    stored.put("filter", filter(fields));
    return stored;
  }

  private static String collectionProblem(String collection, boolean ownDatabase) {
    if (collection.startsWith("system.")) {
      return "system collections cannot be watched";
    }
    if (ownDatabase && OutrunCollections.ALL.contains(collection)) {
      return "'" + collection + "' is one of Outrun's internal collections and cannot be watched";
    }
    if (collection.contains("$") || collection.indexOf('\0') >= 0 || collection.length() > 120) {
      return "is not a valid collection name";
    }
    return null;
  }

  private static List<String> operations(ConfigFields fields) {
    Object value = fields.raw("operations");
    if (value == null) {
      return OPERATIONS;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      fields.reject("operations", "must be a non-empty list of " + String.join(", ", OPERATIONS));
      return OPERATIONS;
    }
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String operation = item instanceof String text ? ConfigFields.lower(text.trim()) : null;
      if (!OPERATIONS.contains(operation)) {
        fields.reject("operations[" + i + "]", "must be one of " + String.join(", ", OPERATIONS));
      } else if (!chosen.contains(operation)) {
        chosen.add(operation);
      }
    }
    return OPERATIONS.stream().filter(chosen::contains).toList();
  }

  private static Map<?, ?> filter(ConfigFields fields) {
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
    return filter;
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
