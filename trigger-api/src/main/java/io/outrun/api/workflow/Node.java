package io.outrun.api.workflow;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** A step of a workflow as the editor saves it; its settings live in {@code data}. */
public record Node(
    @NotBlank String id, @NotBlank String type, Position position, Map<String, Object> data) {

  public Node {
    data = data == null ? Map.of() : data;
  }

  /** Where the editor draws the node. */
  public record Position(double x, double y) {}
}
