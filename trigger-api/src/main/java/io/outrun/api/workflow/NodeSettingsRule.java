package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import java.util.List;
import java.util.Set;

/**
 * The node types the runner knows, and the {@code data} settings each one needs, plus the overrides
 * every node may set ({@code timeoutMs}, {@code retry}: {@link RunSettingsRule}).
 */
final class NodeSettingsRule {

  static final Set<String> KNOWN_TYPES =
      Set.of(
          "http_request",
          "webhook",
          "transform",
          "condition",
          "delay",
          "ai_agent",
          "log",
          "fail",
          "respond");

  static final long MAX_DELAY_MS = 3_600_000;

  private NodeSettingsRule() {}

  /** The problems of one node's type and settings, each naming the field at fault. */
  static List<FieldProblem> check(Node node) {
    String field = WorkflowGraphValidator.nodeField(node.id());
    if (TriggerNodes.isTriggerNode(node.type())) {
      return List.of(); // its data is a trigger config: DeployedTriggers checks it
    }
    if (!KNOWN_TYPES.contains(node.type())) {
      return List.of(
          new FieldProblem(
              field + ".type",
              "unknown node type '"
                  + node.type()
                  + "'; known: "
                  + String.join(", ", sorted())
                  + ", and trigger nodes "
                  + String.join(", ", TriggerNodes.TYPES)));
    }
    DataFields data = DataFields.of(field + ".data", node.data());
    switch (node.type()) {
      case "http_request", "webhook" -> data.requireText("url");
      case "transform", "condition" -> data.requireJsonata("expression");
      case "delay" -> data.requireWholeNumber("ms", 0, MAX_DELAY_MS);
      case "ai_agent" -> {
        data.requireText("model");
        data.requireText("prompt");
      }
      case "log" -> data.requireText("message");
      case "respond" -> checkRespond(data);
      default -> {
        // fail: its message is optional
      }
    }
    RunSettingsRule.checkNodeOverrides(data);
    return data.problems();
  }

  /**
   * {@code respond}: {@code status} (optional, 200) a whole number from 100 to 599 or a template
   * string, {@code headers} (optional) an object, {@code body} any JSON value. The runner checks
   * the rendered values again.
   */
  private static void checkRespond(DataFields data) {
    if (!(data.raw("status") instanceof String)) {
      data.wholeNumber("status", 100, 599);
    }
    data.object("headers");
  }

  private static List<String> sorted() {
    return KNOWN_TYPES.stream().sorted().toList();
  }
}
