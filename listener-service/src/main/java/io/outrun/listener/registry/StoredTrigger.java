package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import java.util.Map;

/** The fields of a {@code triggers} document the registry needs. */
record StoredTrigger(
    String id,
    String workspaceId,
    String workflowId,
    TriggerType type,
    boolean enabled,
    Map<String, Object> config,
    ScheduleTimes schedule) {

  StoredTrigger {
    schedule = schedule == null ? ScheduleTimes.NONE : schedule;
  }

  StoredTrigger(
      String id,
      String workspaceId,
      String workflowId,
      TriggerType type,
      boolean enabled,
      Map<String, Object> config) {
    this(id, workspaceId, workflowId, type, enabled, config, ScheduleTimes.NONE);
  }
}
