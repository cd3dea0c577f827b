package io.outrun.listener.registry;

import static java.util.Objects.requireNonNull;

import io.outrun.events.TriggerType;
import java.util.Map;

/**
 * An enabled trigger of an active workflow: everything needed to request a run of it.
 *
 * @param deployedVersion the workflow version a run of this trigger executes
 * @param schedule for a schedule trigger, where it stands; {@link ScheduleTimes#NONE} otherwise
 */
public record FireableTrigger(
    String triggerId,
    String workspaceId,
    String workflowId,
    TriggerType type,
    Map<String, Object> config,
    int deployedVersion,
    ScheduleTimes schedule) {

  public FireableTrigger {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(type, "type");
    config = config == null ? Map.of() : config;
    schedule = schedule == null ? ScheduleTimes.NONE : schedule;
  }

  public FireableTrigger(
      String triggerId,
      String workspaceId,
      String workflowId,
      TriggerType type,
      Map<String, Object> config,
      int deployedVersion) {
    this(triggerId, workspaceId, workflowId, type, config, deployedVersion, ScheduleTimes.NONE);
  }

  /** A config value as a string, or null when absent. */
  public String configString(String key) {
    Object value = config.get(key);
    return value == null ? null : value.toString();
  }
}
