package io.outrun.api.trigger;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code triggers} documents to {@link Trigger}s and back (docs/ARCHITECTURE.md). The config is
 * read here, once per document read, by trigger-config's rules, and written in the shape they read.
 * Pure: no Spring, no I/O.
 */
final class TriggerDocuments {

  private static final Logger log = LoggerFactory.getLogger(TriggerDocuments.class);

  /** The trigger's own auto-pause limit, next to {@code enabled}. */
  static final String AUTO_PAUSE_AFTER = "autoPauseAfterFailures";

  private TriggerDocuments() {}

  /** The trigger a document holds; empty (and logged) for a type this version does not know. */
  static Optional<Trigger> read(Document document) {
    String id = id(document.get("_id"));
    TriggerType type = TriggerConfigs.type(document.getString("type"));
    if (type == null) {
      log.warn("Trigger {} has an unknown type {}; left out", id, document.get("type"));
      return Optional.empty();
    }
    Document schedule = document.get("schedule") instanceof Document state ? state : null;
    return Optional.of(
        Trigger.builder()
            .id(id)
            .workspaceId(document.getString("workspaceId"))
            .workflowId(document.getString("workflowId"))
            .type(type)
            .name(document.getString("name"))
            .enabled(Boolean.TRUE.equals(document.getBoolean("enabled")))
            .config(TriggerConfigs.fromStored(type, document.get("config")))
            .createdAt(instant(document.get("createdAt")))
            .updatedAt(instant(document.get("updatedAt")))
            .lastTriggeredAt(instant(document.get("lastTriggeredAt")))
            .triggerCount(
                document.get("triggerCount") instanceof Number count ? count.longValue() : 0)
            .nextRunAt(instant(document.get("nextRunAt")))
            .schedule(schedule == null ? null : scheduleState(schedule))
            .autoPause(autoPause(document))
            .nodeId(document.getString(CanvasTriggerStore.NODE_ID))
            .build());
  }

  private static Trigger.AutoPause autoPause(Document document) {
    return new Trigger.AutoPause(
        document.get(AUTO_PAUSE_AFTER) instanceof Number limit ? limit.intValue() : null,
        document.get("consecutiveFailures") instanceof Number count ? count.longValue() : 0,
        document.get("lastError") instanceof String error ? error : null,
        instant(document.get("autoPausedAt")));
  }

  /** A new trigger's document: no listener-kept fields yet. */
  static Document write(Trigger trigger) {
    Document document =
        new Document("_id", trigger.id())
            .append("workspaceId", trigger.workspaceId())
            .append("workflowId", trigger.workflowId())
            .append("type", trigger.type().wireName())
            .append("name", trigger.name())
            .append("enabled", trigger.enabled())
            .append("config", storedConfig(trigger.config()))
            .append("createdAt", Date.from(trigger.createdAt()))
            .append("updatedAt", Date.from(trigger.updatedAt()))
            .append("triggerCount", trigger.triggerCount());
    if (trigger.autoPause().afterFailures() != null) {
      document.append(AUTO_PAUSE_AFTER, trigger.autoPause().afterFailures());
    }
    return document;
  }

  /** The stored form of a config, for a document or an update's {@code config}. */
  static Map<String, Object> storedConfig(StoredConfig config) {
    return TriggerConfigs.toStored(config);
  }

  private static Trigger.ScheduleState scheduleState(Document schedule) {
    return new Trigger.ScheduleState(
        instant(schedule.get("lastScheduledAt")),
        schedule.get("lastRunId") instanceof String runId ? runId : null,
        instant(schedule.get("bufferedAt")),
        schedule.get("missedCount") instanceof Number missed ? missed.longValue() : null,
        schedule.get("skippedCount") instanceof Number skipped ? skipped.longValue() : null);
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }

  private static String id(Object id) {
    return switch (id) {
      case String text -> text;
      case ObjectId objectId -> objectId.toHexString();
      case null, default -> id == null ? null : String.valueOf(id);
    };
  }
}
