package io.outrun.api.workflow;

import io.outrun.nodes.NodeTypeCatalogue;
import java.util.List;
import java.util.Map;

/**
 * Trigger nodes: a node of type {@code trigger.<trigger type>} stands on the canvas for a trigger
 * of its workflow. Its {@code data} is the trigger's config, beside two keys an editor sets: {@code
 * label} (the trigger's name; the node id without one) and {@code enabled} (default true). Pure.
 */
public final class TriggerNodes {

  public static final String PREFIX = "trigger.";

  /** The trigger node types, as the node type catalogue names them. */
  public static final List<String> TYPES = NodeTypeCatalogue.standard().triggerTypes();

  private TriggerNodes() {}

  public static boolean isTriggerNode(String nodeType) {
    return nodeType != null && TYPES.contains(nodeType);
  }

  /** The trigger nodes of a list of nodes. */
  public static List<Node> of(List<Node> nodes) {
    return nodes.stream().filter(node -> node != null && isTriggerNode(node.type())).toList();
  }

  /** {@code webhook} for {@code trigger.webhook}. */
  public static String triggerType(Node node) {
    return node.type().substring(PREFIX.length());
  }

  /** The trigger's name: the node's label, else its id. */
  public static String name(Node node) {
    return node.data() != null
            && node.data().get("label") instanceof String label
            && !label.isBlank()
        ? label
        : node.id();
  }

  /** Whether the trigger is enabled: {@code data.enabled}, true unless it is {@code false}. */
  public static boolean enabled(Node node) {
    return node.data() == null || !Boolean.FALSE.equals(node.data().get("enabled"));
  }

  /**
   * The trigger's config as requested: the node's data without {@code label} and {@code enabled},
   * for the triggers API's checks and parser, like a request body's.
   */
  public static Map<String, Object> requestedConfig(Node node) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    if (node.data() != null) {
      node.data()
          .forEach(
              (key, value) -> {
                if (!key.equals("label") && !key.equals("enabled")) {
                  config.put(key, value);
                }
              });
    }
    return config;
  }
}
