package io.outrun.api.workflow;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/workflows/{id}}: the whole workflow as the editor has it, and the
 * {@code version} it was loaded at (a stale one is refused). Absent lists and settings are empty,
 * as on create.
 */
record UpdateWorkflowRequest(
    @NotBlank String name,
    List<@Valid Node> nodes,
    List<@Valid Edge> edges,
    @Schema(description = RunSettingsRule.DESCRIPTION) Map<String, Object> settings,
    @NotNull @Positive Integer version) {

  UpdateWorkflowRequest {
    nodes = nodes == null ? List.of() : nodes;
    edges = edges == null ? List.of() : edges;
    settings = settings == null ? Map.of() : settings;
  }
}
