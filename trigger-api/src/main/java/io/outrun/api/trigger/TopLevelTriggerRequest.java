package io.outrun.api.trigger;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * The body of {@code POST /api/triggers}: a {@link TriggerRequest} that names its workflow. The
 * trigger is then created exactly as by {@code POST /api/workflows/{workflowId}/triggers}.
 */
record TopLevelTriggerRequest(
    @NotBlank String workflowId,
    @NotBlank String type,
    @NotBlank String name,
    Boolean enabled,
    Map<String, Object> config,
    Integer autoPauseAfterFailures) {

  TriggerRequest trigger() {
    return new TriggerRequest(type, name, enabled, config, autoPauseAfterFailures);
  }
}
