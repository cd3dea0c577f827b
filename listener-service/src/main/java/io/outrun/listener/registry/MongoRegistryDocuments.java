package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Reads the registry's view of {@code triggers} and {@code workflows} documents, and the field
 * values every reader of those documents needs: ids and dates. A trigger's config is read here, by
 * trigger-config's rules, as its document is read: nothing else in the listener reads it by key.
 */
public final class MongoRegistryDocuments {

  private MongoRegistryDocuments() {}

  /** The trigger a document describes; empty when it lacks what any trigger needs. */
  static Optional<StoredTrigger> trigger(Document document) {
    String id = id(document.get("_id"));
    String workspaceId = document.getString("workspaceId");
    String workflowId = document.getString("workflowId");
    Optional<TriggerType> type = type(document.getString("type"));
    if (id == null || workspaceId == null || workflowId == null || type.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredTrigger(
            id,
            workspaceId,
            workflowId,
            type.get(),
            Boolean.TRUE.equals(document.getBoolean("enabled")),
            TriggerConfigs.fromStored(type.get(), document.get("config")),
            type.get() == TriggerType.SCHEDULE ? scheduleTimes(document) : ScheduleTimes.NONE,
            document.get("nodeId") instanceof String nodeId ? nodeId : null,
            instant(document.get("createdAt"))));
  }

  private static ScheduleTimes scheduleTimes(Document document) {
    Object state = document.get("schedule");
    Object buffered = state instanceof Document schedule ? schedule.get("bufferedAt") : null;
    return new ScheduleTimes(instant(document.get("nextRunAt")), instant(buffered));
  }

  /** A stored date as an instant; null when absent. */
  public static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }

  static Optional<StoredWorkflow> workflow(Document document) {
    String id = id(document.get("_id"));
    if (id == null) {
      return Optional.empty();
    }
    Object version = document.get("deployedVersion");
    Integer deployedVersion = version instanceof Number number ? number.intValue() : null;
    return Optional.of(new StoredWorkflow(id, document.getString("status"), deployedVersion));
  }

  /** The {@code _id} of a change event's document key. */
  static String id(BsonDocument documentKey) {
    if (documentKey == null) {
      return null;
    }
    BsonValue id = documentKey.get("_id");
    if (id == null) {
      return null;
    }
    if (id.isString()) {
      return id.asString().getValue();
    }
    return id.isObjectId() ? id.asObjectId().getValue().toHexString() : null;
  }

  /** A document's {@code _id} as text (an ObjectId as hex); null when neither. */
  public static String id(Object id) {
    return switch (id) {
      case String text -> text;
      case ObjectId objectId -> objectId.toHexString();
      case null, default -> null;
    };
  }

  private static Optional<TriggerType> type(String name) {
    try {
      return Optional.ofNullable(name).map(TriggerType::fromWireName);
    } catch (IllegalArgumentException unknownType) {
      return Optional.empty();
    }
  }
}
