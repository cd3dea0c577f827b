package io.outrun.triggers;

import com.fasterxml.jackson.annotation.JsonValue;
import io.outrun.events.TriggerType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code data_change}: the collection to watch, the operations that start a run, and a filter: a
 * MongoDB query on the change event (keys such as {@code fullDocument.status}, {@code $}
 * operators), kept as written.
 *
 * @param database null for Outrun's own database
 */
public record DataChangeConfig(
    String database, String collection, List<Operation> operations, Map<String, Object> filter)
    implements TriggerConfig {

  public DataChangeConfig {
    Objects.requireNonNull(collection, "collection");
    operations = List.copyOf(operations);
    filter = Collections.unmodifiableMap(new LinkedHashMap<>(filter));
  }

  @Override
  public TriggerType type() {
    return TriggerType.DATA_CHANGE;
  }

  /** The database watched: the one named, else {@code ownDatabase}. */
  public String databaseOr(String ownDatabase) {
    return database == null ? ownDatabase : database;
  }

  /**
   * Whether this watches one of {@code ownCollections} in {@code ownDatabase}, the service's own
   * database: Outrun's own records never start runs, so such a trigger is refused.
   */
  public boolean watchesOwnCollection(String ownDatabase, Set<String> ownCollections) {
    return isOwnCollection(database, collection, ownDatabase, ownCollections);
  }

  /** Whether {@code collection} of {@code database} (null: the own one) is one of Outrun's. */
  static boolean isOwnCollection(
      String database, String collection, String ownDatabase, Set<String> ownCollections) {
    return (database == null || database.equals(ownDatabase))
        && ownCollections.contains(collection);
  }

  /** A change stream operation type a data-change trigger can start runs on. */
  public enum Operation implements WireName {
    INSERT("insert"),
    UPDATE("update"),
    REPLACE("replace"),
    DELETE("delete");

    private final String wireName;

    Operation(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
      return wireName;
    }
  }
}
