package io.outrun.api.trigger;

import io.outrun.api.workflow.Edge;
import io.outrun.api.workflow.Node;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * The document of {@code GET /api/workflows/{id}/export} and {@code POST /api/workflows/import}: a
 * workflow's latest content and the triggers made through the triggers API, without ids, times,
 * counters or secret material. {@code format} names the document's version; a reader refuses one it
 * does not know.
 */
record WorkflowExport(
    @NotBlank String format,
    @NotNull @Valid Content workflow,
    List<@Valid ExportedTrigger> triggers) {

  static final String FORMAT = "outrun.workflow/v1";

  WorkflowExport {
    triggers = triggers == null ? List.of() : triggers;
  }

  /** Name, nodes, edges and settings of the latest saved version. */
  record Content(
      @NotBlank String name,
      List<@Valid Node> nodes,
      List<@Valid Edge> edges,
      Map<String, Object> settings) {}

  /** A trigger as its create request would have it (its config as shown, without secrets). */
  record ExportedTrigger(
      @NotBlank String type, @NotBlank String name, Boolean enabled, Map<String, Object> config) {

    TriggerRequest request() {
      return TriggerRequest.withWorkspaceAutoPause(type, name, enabled, config);
    }
  }
}
