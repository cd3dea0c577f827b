package io.outrun.api.trigger;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** The body of {@code POST /api/workflows/{id}/triggers}; {@code enabled} defaults to true. */
record CreateTriggerRequest(
    @NotBlank String type, @NotBlank String name, Boolean enabled, Map<String, Object> config) {

  CreateTriggerRequest {
    enabled = enabled == null || enabled;
    config = config == null ? Map.of() : config;
  }
}
