package io.outrun.api.trigger;

import io.outrun.api.workflow.Workflow;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfigs;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/workflows/{id}/triggers} and of {@code PUT .../{triggerId}} (which
 * replaces name, enabled, config and autoPauseAfterFailures; the type cannot change). {@code
 * enabled} defaults to true.
 *
 * @param autoPauseAfterFailures disable the trigger after this many consecutive failed runs; null
 *     takes the workspace's default, 0 never
 */
record TriggerRequest(
    @NotBlank String type,
    @NotBlank String name,
    Boolean enabled,
    Map<String, Object> config,
    Integer autoPauseAfterFailures) {

  TriggerRequest {
    enabled = enabled == null || enabled;
    config = config == null ? Map.of() : config;
  }

  /**
   * A request that sets no auto-pause limit of its own (a trigger node, an exported trigger): the
   * workspace's default applies.
   */
  static TriggerRequest withWorkspaceAutoPause(
      String type, String name, Boolean enabled, Map<String, Object> config) {
    return new TriggerRequest(type, name, enabled, config, null);
  }

  /**
   * The trigger this request asks for, to be stored as {@code id} of {@code workflow} with {@code
   * config}: the request's config as its checks typed it, holding any secret as a hash or a
   * ciphertext.
   */
  Trigger.Builder newTrigger(String id, Workflow workflow, StoredConfig config) {
    return Trigger.builder()
        .id(id)
        .workspaceId(workflow.workspaceId())
        .workflowId(workflow.id())
        .type(TriggerConfigs.type(type))
        .name(name)
        .enabled(enabled)
        .config(config)
        .autoPause(Trigger.AutoPause.after(autoPauseAfterFailures));
  }

  /** The same request without a webhook {@code path} (an import whose path is taken). */
  TriggerRequest withoutPath() {
    Map<String, Object> rest = new LinkedHashMap<>(config);
    rest.remove("path");
    return new TriggerRequest(type, name, enabled, rest, autoPauseAfterFailures);
  }
}
