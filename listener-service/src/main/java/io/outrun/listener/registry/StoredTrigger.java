package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;

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
    String nodeId) {

  StoredTrigger {
    schedule = schedule == null ? ScheduleTimes.NONE : schedule;
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
