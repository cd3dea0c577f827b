package io.outrun.nodes;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One node type as an editor needs it: the {@code type} a node names, a title and category for the
 * palette, the handles its outgoing edges may name ({@code outputs}), and the JSON Schema (2020-12)
 * of its {@code data}, whose {@code examples} are valid data.
 */
public record NodeType(
    String type,
    String title,
    NodeCategory category,
    String description,
    List<String> outputs,
    JsonNode dataSchema) {

  public NodeType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(dataSchema, "dataSchema");
    outputs = List.copyOf(outputs);
  }

  /** Whether this is a trigger on the canvas ({@code trigger.<trigger type>}). */
  public boolean trigger() {
    return category == NodeCategory.TRIGGER;
  }
}
