package io.outrun.api.workflow;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A step of a workflow as the editor saves it; its settings live in {@code data}. Stored with its
 * {@code id} as {@code id}: Spring Data would otherwise write an embedded {@code id} as {@code
 * _id}, and runner-service reads the editor's field names.
 */
public record Node(
    @NotBlank @Field("id") String id,
    @NotBlank String type,
    Position position,
    Map<String, Object> data) {

  public Node {
    data = data == null ? Map.of() : data;
  }

  /** Where the editor draws the node. */
  public record Position(double x, double y) {}
}
