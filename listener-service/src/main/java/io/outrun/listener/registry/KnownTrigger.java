package io.outrun.listener.registry;

import static java.util.Objects.requireNonNull;

/**
 * A trigger the registry knows, whether it can fire now or not: whose it is and why it cannot fire,
 * so a request to it can be logged under its workspace. An id the registry never saw has none.
 */
public record KnownTrigger(
    String triggerId, String workspaceId, String workflowId, Standing standing) {

  public KnownTrigger {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(workflowId, "workflowId");
    requireNonNull(standing, "standing");
  }

  /** Whether the trigger can fire, and if not, why. */
  public enum Standing {
    FIREABLE,
    /** {@code enabled: false}, whatever its workflow. */
    TRIGGER_DISABLED,
    /** Enabled, but its workflow is not active with a deployed version (paused, draft, gone). */
    WORKFLOW_INACTIVE
  }
}
