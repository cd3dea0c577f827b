package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
import java.time.Instant;

/**
 * The fields of a {@code triggers} document the registry needs; the config read as types; {@code
 * nodeId} the trigger node it stands for (null for a trigger made through the triggers API).
 */
record StoredTrigger(
    String id,
    String workspaceId,
    String workflowId,
    TriggerType type,
    boolean enabled,
    StoredConfig config,
    ScheduleTimes schedule,
    String nodeId,
    Instant createdAt) {

  StoredTrigger {
    schedule = schedule == null ? ScheduleTimes.NONE : schedule;
  }

  /** A trigger whose creation time is not known. */
  StoredTrigger(
      String id,
      String workspaceId,
      String workflowId,
      TriggerType type,
      boolean enabled,
      StoredConfig config,
      ScheduleTimes schedule,
      String nodeId) {
    this(id, workspaceId, workflowId, type, enabled, config, schedule, nodeId, null);
  }

  StoredTrigger(
      String id,
      String workspaceId,
      String workflowId,
      TriggerType type,
      boolean enabled,
      StoredConfig config) {
    this(id, workspaceId, workflowId, type, enabled, config, ScheduleTimes.NONE, null);
  }
}
