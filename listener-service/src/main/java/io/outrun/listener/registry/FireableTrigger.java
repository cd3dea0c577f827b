package io.outrun.listener.registry;

import static java.util.Objects.requireNonNull;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfig;
import java.time.Instant;

/**
 * An enabled trigger of an active workflow: everything needed to request a run of it.
 *
 * @param config its config as read from the document: typed, or unreadable with the reason (each
 *     feature reports that its own way)
 * @param deployedVersion the workflow version a run of this trigger executes
 * @param schedule for a schedule trigger, where it stands; {@link ScheduleTimes#NONE} otherwise
 * @param nodeId the trigger node of the workflow's canvas it stands for; null for a trigger made
 *     through the triggers API
 * @param createdAt when the trigger was made; null when its document does not say
 */
public record FireableTrigger(
    String triggerId,
    String workspaceId,
    String workflowId,
    TriggerType type,
    StoredConfig config,
    int deployedVersion,
    ScheduleTimes schedule,
    String nodeId,
    Instant createdAt) {

  public FireableTrigger {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(type, "type");
    requireNonNull(config, "config");
    schedule = schedule == null ? ScheduleTimes.NONE : schedule;
  }

  /** A trigger whose creation time is not known. */
  public FireableTrigger(
      String triggerId,
      String workspaceId,
      String workflowId,
      TriggerType type,
      StoredConfig config,
      int deployedVersion,
      ScheduleTimes schedule,
      String nodeId) {
    this(triggerId, workspaceId, workflowId, type, config, deployedVersion, schedule, nodeId, null);
  }

  /** A trigger that stands for no trigger node. */
  public FireableTrigger(
      String triggerId,
      String workspaceId,
      String workflowId,
      TriggerType type,
      StoredConfig config,
      int deployedVersion,
      ScheduleTimes schedule) {
    this(triggerId, workspaceId, workflowId, type, config, deployedVersion, schedule, null, null);
  }

  /** A trigger whose config is {@code config}, readable. */
  public FireableTrigger(
      String triggerId,
      String workspaceId,
      String workflowId,
      TriggerConfig config,
      int deployedVersion) {
    this(
        triggerId,
        workspaceId,
        workflowId,
        config.type(),
        new StoredConfig.Readable(config),
        deployedVersion,
        ScheduleTimes.NONE,
        null,
        null);
  }
}
