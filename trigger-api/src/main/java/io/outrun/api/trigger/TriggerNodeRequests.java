package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Node;
import io.outrun.api.workflow.TriggerNodes;
import java.util.List;

/**
 * A trigger node read as the request the triggers API would get for it, and that API's problems
 * named after the node: {@code config.cron} is {@code nodes[<id>].data.cron}, {@code name} is its
 * {@code data.label}. Pure.
 */
final class TriggerNodeRequests {

  private TriggerNodeRequests() {}

  static TriggerRequest of(Node node) {
    return TriggerRequest.withWorkspaceAutoPause(
        TriggerNodes.triggerType(node),
        TriggerNodes.name(node),
        TriggerNodes.enabled(node),
        TriggerNodes.requestedConfig(node));
  }

  /**
   * A secret in node data would be stored in plain text with the workflow and each version: never
   * accepted there (one is generated; {@code rotate-secret} shows a new one).
   */
  static List<FieldProblem> refusedKeys(Node node) {
    return TriggerNodes.requestedConfig(node).containsKey("secret")
        ? List.of(
            new FieldProblem(
                data(node) + ".secret",
                "a trigger node holds no secret (it would be stored with the workflow); omit it,"
                    + " one is generated and POST /api/triggers/{id}/rotate-secret shows a new one"))
        : List.of();
  }

  static List<FieldProblem> named(Node node, List<FieldProblem> problems) {
    return problems.stream().map(problem -> named(node, problem)).toList();
  }

  /** A problem the triggers API answered with, as problems of the node. */
  static List<FieldProblem> named(Node node, ProblemException refused) {
    if (!refused.errors().isEmpty()) {
      return named(node, refused.errors());
    }
    Object field = refused.properties().get("field");
    String at = field instanceof String name ? rename(node, name) : data(node);
    return List.of(new FieldProblem(at, refused.getMessage()));
  }

  private static FieldProblem named(Node node, FieldProblem problem) {
    return new FieldProblem(rename(node, problem.field()), problem.message());
  }

  private static String rename(Node node, String field) {
    if (field.equals("name")) {
      return data(node) + ".label";
    }
    if (field.equals("type")) {
      return "nodes[" + node.id() + "].type";
    }
    if (field.startsWith("config.")) {
      return data(node) + "." + field.substring("config.".length());
    }
    return data(node) + "." + field;
  }

  private static String data(Node node) {
    return "nodes[" + node.id() + "].data";
  }
}
