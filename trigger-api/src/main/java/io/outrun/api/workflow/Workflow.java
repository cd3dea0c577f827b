package io.outrun.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A {@code workflows} document (docs/ARCHITECTURE.md). {@code status} is stored by its wire name;
 * {@link #state()} reads it as a {@link WorkflowStatus}.
 */
@Document(Workflow.COLLECTION)
public record Workflow(
    @Id String id,
    String workspaceId,
    String name,
    List<Node> nodes,
    List<Edge> edges,
    Map<String, Object> settings,
    String status,
    int version,
    Integer deployedVersion,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant deployedAt) {

  public static final String COLLECTION = "workflows";

  public Workflow {
    nodes = nodes == null ? List.of() : nodes;
    edges = edges == null ? List.of() : edges;
    settings = settings == null ? Map.of() : settings;
  }

  public WorkflowStatus state() {
    return WorkflowStatus.fromWireName(status);
  }
}
