package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import io.outrun.nodes.NodeDataChecks;
import io.outrun.nodes.NodeTypeCatalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node types the runner knows and the {@code data} each needs, both from the node type
 * catalogue ({@link NodeTypeCatalogue}): a node's data is checked against its type's JSON Schema,
 * then what a schema cannot say: its JSONata expressions compile, and the overrides every node may
 * set ({@code timeoutMs}, {@code retry}) follow {@link RunSettingsRule}. One problem per field.
 */
final class NodeSettingsRule {

  private static final NodeTypeCatalogue CATALOGUE = NodeTypeCatalogue.standard();
  private static final NodeDataChecks SCHEMAS = new NodeDataChecks(CATALOGUE);

  /** The runner's node types (trigger nodes aside). */
  static final Set<String> KNOWN_TYPES = Set.copyOf(CATALOGUE.runnerTypes());

  /** The data keys of each type that hold a JSONata expression (not a template). */
  private static final Map<String, List<String>> EXPRESSIONS =
      Map.of(
          "transform", List.of("expression"),
          "condition", List.of("expression"),
          "parse", List.of("input"));

  private NodeSettingsRule() {}

  /**
   * Loads the catalogue and compiles its schemas, if not yet done: called where a service starts,
   * so that this (reading resources) never happens on a request's thread.
   */
  static void load() {
    // the class's static initialiser does the work
  }

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
                  + String.join(", ", KNOWN_TYPES.stream().sorted().toList())
                  + ", and trigger nodes "
                  + String.join(", ", TriggerNodes.TYPES)));
    }
    List<FieldProblem> problems = new ArrayList<>();
    SCHEMAS
        .check(node.type(), node.data())
        .forEach(
            problem ->
                problems.add(
                    new FieldProblem(
                        problem.path().isEmpty()
                            ? field + ".data"
                            : field + ".data." + problem.path(),
                        problem.message())));
    DataFields data = DataFields.of(field + ".data", node.data());
    EXPRESSIONS.getOrDefault(node.type(), List.of()).forEach(data::jsonata);
    RunSettingsRule.checkNodeOverrides(data);
    problems.addAll(data.problems());
    return firstPerField(problems);
  }

  /** A field the schema and a rule both refuse is named once, by the schema's problem. */
  private static List<FieldProblem> firstPerField(List<FieldProblem> problems) {
    Set<String> seen = new HashSet<>();
    return problems.stream().filter(problem -> seen.add(problem.field())).toList();
  }
}
