package io.outrun.api.trigger;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * The body of {@code POST /api/workflows/{id}/triggers} and of {@code PUT .../{triggerId}} (which
 * replaces name, enabled and config; the type cannot change). {@code enabled} defaults to true.
 */
record TriggerRequest(
    @NotBlank String type, @NotBlank String name, Boolean enabled, Map<String, Object> config) {

  TriggerRequest {
    enabled = enabled == null || enabled;
    config = config == null ? Map.of() : config;
  }

  /** The same request without a webhook {@code path} (an import whose path is taken). */
  TriggerRequest withoutPath() {
    Map<String, Object> rest = new java.util.LinkedHashMap<>(config);
    rest.remove("path");
    return new TriggerRequest(type, name, enabled, rest);
  }
}
