package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import io.outrun.service.secret.SecretReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets a workflow's nodes reference ({@code {{ $secrets.NAME }}}) and the problems with
 * them: a template that uses {@code $secrets} other than as a plain reference, or a name the
 * workspace does not hold. Each problem names the node ({@code nodes[n1].data}) and the secret.
 * Pure.
 */
final class SecretRefsRule {

  private SecretRefsRule() {}

  /** Every secret name the nodes reference. */
  static Set<String> names(List<Node> nodes) {
    return SecretReferences.scan(nodes.stream().map(Node::data).toList()).names();
  }

  /** The problems, given the referenced names the workspace lacks. */
  static List<FieldProblem> problems(List<Node> nodes, Set<String> missing) {
    List<FieldProblem> problems = new ArrayList<>();
    for (Node node : nodes) {
      Map<String, Object> data = node.data();
      var found = SecretReferences.scan(data);
      String field = "nodes[" + node.id() + "].data";
      found.names().stream()
          .filter(missing::contains)
          .forEach(
              name ->
                  problems.add(
                      new FieldProblem(field, "references secret " + name + ", which is not set")));
      found
          .malformed()
          .forEach(
              expression ->
                  problems.add(
                      new FieldProblem(
                          field,
                          "uses $secrets in '"
                              + expression
                              + "'; a secret is referenced only as {{ $secrets.NAME }}")));
    }
    return problems;
  }
}
