package io.outrun.api.workflow;

import com.dashjoin.jsonata.Jsonata;
import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The node types the runner knows, and the {@code data} settings each one needs. */
final class NodeSettingsRule {

  static final Set<String> KNOWN_TYPES =
      Set.of(
          "http_request", "webhook", "transform", "condition", "delay", "ai_agent", "log", "fail");

  static final long MAX_DELAY_MS = 3_600_000;

  private NodeSettingsRule() {}

  /** The problems of one node's type and settings, each naming the field at fault. */
  static List<FieldProblem> check(Node node) {
    String field = WorkflowGraphValidator.nodeField(node.id());
    if (!KNOWN_TYPES.contains(node.type())) {
      return List.of(
          new FieldProblem(
              field + ".type",
              "unknown node type '" + node.type() + "'; known: " + String.join(", ", sorted())));
    }
    Settings settings = new Settings(field + ".data", node.data());
    switch (node.type()) {
      case "http_request", "webhook" -> settings.requireText("url");
      case "transform", "condition" -> settings.requireJsonata("expression");
      case "delay" -> settings.requireNumberWithin("ms", 0, MAX_DELAY_MS);
      case "ai_agent" -> {
        settings.requireText("model");
        settings.requireText("prompt");
      }
      case "log" -> settings.requireText("message");
      default -> {
        // fail: its message is optional
      }
    }
    return settings.problems;
  }

  private static List<String> sorted() {
    return KNOWN_TYPES.stream().sorted().toList();
  }

  private static final class Settings {
    private final String field;
    private final Map<String, Object> data;
    private final List<FieldProblem> problems = new ArrayList<>();

    Settings(String field, Map<String, Object> data) {
      this.field = field;
      this.data = data;
    }

    boolean requireText(String key) {
      if (data.get(key) instanceof String text && !text.isBlank()) {
        return true;
      }
      problems.add(new FieldProblem(field + "." + key, "is required (a non-empty string)"));
      return false;
    }

    void requireJsonata(String key) {
      if (!requireText(key)) {
        return;
      }
      try {
        Jsonata.jsonata((String) data.get(key));
      } catch (RuntimeException e) {
        problems.add(
            new FieldProblem(
                field + "." + key, "is not a valid JSONata expression: " + e.getMessage()));
      }
    }

    void requireNumberWithin(String key, long min, long max) {
      if (!(data.get(key) instanceof Number number)
          || number.doubleValue() < min
          || number.doubleValue() > max) {
        problems.add(
            new FieldProblem(field + "." + key, "must be a number from " + min + " to " + max));
      }
    }
  }
}
