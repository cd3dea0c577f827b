package io.outrun.api.workflow;

import io.outrun.service.StoredJson;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A step of a workflow as the editor saves it; its settings live in {@code data}. Stored with its
 * {@code id} as {@code id}: Spring Data would otherwise write an embedded {@code id} as {@code
 * _id}, and runner-service reads the editor's field names. {@code data} is user JSON whose keys may
 * start with {@code $} (an http_request body holding a MongoDB query) or contain dots (a header
 * name): it is stored with its keys escaped ({@link StoredJson}), so no key can be read as an
 * operator or a path, and read back unescaped.
 */
public record Node(
    @NotBlank @Field("id") String id,
    @NotBlank String type,
    Position position,
    Map<String, Object> data) {

  public Node {
    data = data == null ? Map.of() : data;
  }

  /** This node as stored: its data's keys escaped. */
  Node toStored() {
    Map<String, Object> stored = StoredJson.toStored(data);
    return stored == data ? this : new Node(id, type, position, stored);
  }

  /** A stored node as the editor saved it: its data's keys unescaped. */
  Node fromStored() {
    Map<String, Object> original = StoredJson.fromStored(data);
    return original == data ? this : new Node(id, type, position, original);
  }

  /** Where the editor draws the node. */
  public record Position(double x, double y) {}
}
