package io.outrun.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A {@code workflows} document (docs/ARCHITECTURE.md). {@code status} is stored by its wire name;
 * {@link #state()} reads it as a {@link WorkflowStatus}. Instances hold node data as the editor
 * saved it; {@link WorkflowStore} converts to and from the stored form.
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

  /** The document to store: node data with its keys escaped ({@link Node#toStored}). */
  Workflow toStored() {
    return withNodes(nodes.stream().map(node -> node == null ? null : node.toStored()).toList());
  }

  /** A stored document as the API shows it: node data as the editor saved it. */
  Workflow fromStored() {
    return withNodes(nodes.stream().map(node -> node == null ? null : node.fromStored()).toList());
  }

  private Workflow withNodes(List<Node> changed) {
    return new Workflow(
        id,
        workspaceId,
        name,
        changed,
        edges,
        settings,
        status,
        version,
        deployedVersion,
        createdBy,
        createdAt,
        updatedAt,
        deployedAt);
  }

  public WorkflowStatus state() {
    return WorkflowStatus.fromWireName(status);
  }
}
