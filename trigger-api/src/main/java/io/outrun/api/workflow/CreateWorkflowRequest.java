package io.outrun.api.workflow;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/workflows}; absent node, edge and settings lists are empty. */
public record CreateWorkflowRequest(
    @NotBlank String name,
    List<@Valid Node> nodes,
    List<@Valid Edge> edges,
    @Schema(description = RunSettingsRule.DESCRIPTION) Map<String, Object> settings) {

  public CreateWorkflowRequest {
    nodes = nodes == null ? List.of() : nodes;
    edges = edges == null ? List.of() : edges;
    settings = settings == null ? Map.of() : settings;
  }
}
