package io.outrun.listener.registry;

import static java.util.Objects.requireNonNull;

import io.outrun.events.TriggerType;
import java.util.Map;

/**
 * An enabled trigger of an active workflow: everything needed to request a run of it.
 *
 * @param deployedVersion the workflow version a run of this trigger executes
 */
public record FireableTrigger(
    String triggerId,
    String workspaceId,
    String workflowId,
    TriggerType type,
    Map<String, Object> config,
    int deployedVersion) {

  public FireableTrigger {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(type, "type");
    config = config == null ? Map.of() : config;
  }

  /** A config value as a string, or null when absent. */
  public String configString(String key) {
    Object value = config.get(key);
    return value == null ? null : value.toString();
  }
}
