package io.outrun.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every node type a workflow may hold, the one list trigger-api (its catalogue endpoint and deploy
 * checks) and runner-service (its executors) are held to: the runner's node types, described in
 * {@code runner-node-types.json} with the settings every node may override ({@code
 * node-settings.json}: {@code label}, {@code timeoutMs}, {@code retry}) added to each schema, then
 * the canvas trigger nodes ({@link TriggerNodeTypes}). Immutable; {@link #standard()} is read once.
 */
public final class NodeTypeCatalogue {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final NodeTypeCatalogue STANDARD = load();

  private final Map<String, NodeType> byType;

  private NodeTypeCatalogue(List<NodeType> types) {
    Map<String, NodeType> map = new LinkedHashMap<>();
    types.forEach(
        type -> {
          if (map.putIfAbsent(type.type(), type) != null) {
            throw new IllegalStateException("node type " + type.type() + " is described twice");
          }
        });
    this.byType = map;
  }

  /** The catalogue shipped with this build. */
  public static NodeTypeCatalogue standard() {
    return STANDARD;
  }

  /** Every node type, the runner's first, then the trigger nodes. */
  public List<NodeType> all() {
    return List.copyOf(byType.values());
  }

  public Optional<NodeType> find(String type) {
    return Optional.ofNullable(type == null ? null : byType.get(type));
  }

  /** Every type name, in catalogue order. */
  public Set<String> types() {
    return java.util.Collections.unmodifiableSet(byType.keySet());
  }

  /** The names of the runner's own node types (no trigger nodes). */
  public List<String> runnerTypes() {
    return byType.values().stream().filter(type -> !type.trigger()).map(NodeType::type).toList();
  }

  /** The names of the canvas trigger node types ({@code trigger.webhook}, ...). */
  public List<String> triggerTypes() {
    return byType.values().stream().filter(NodeType::trigger).map(NodeType::type).toList();
  }

  private static NodeTypeCatalogue load() {
    JsonNode settings = read("node-settings.json", new TypeReference<JsonNode>() {});
    List<NodeType> types = new ArrayList<>();
    for (NodeType type : read("runner-node-types.json", new TypeReference<List<NodeType>>() {})) {
      types.add(withSettings(type, settings));
    }
    types.addAll(TriggerNodeTypes.all(JSON));
    return new NodeTypeCatalogue(types);
  }

  /** The type with the overridable settings added to its schema's properties. */
  private static NodeType withSettings(NodeType type, JsonNode settings) {
    ObjectNode schema = (ObjectNode) type.dataSchema().deepCopy();
    ObjectNode properties = (ObjectNode) schema.get("properties");
    settings.properties().forEach(entry -> properties.set(entry.getKey(), entry.getValue()));
    return new NodeType(
        type.type(), type.title(), type.category(), type.description(), type.outputs(), schema);
  }

  private static <T> T read(String resource, TypeReference<T> shape) {
    try (InputStream in = NodeTypeCatalogue.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return JSON.readValue(in, shape);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
