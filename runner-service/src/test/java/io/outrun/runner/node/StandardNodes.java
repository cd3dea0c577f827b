package io.outrun.runner.node;

import static io.outrun.runner.expression.StandardExpressions.EVALUATIONS;
import static io.outrun.runner.expression.StandardExpressions.EXPRESSIONS;

import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.expression.Templates;
import java.util.List;

/** Nodes as the runner builds them, outside Spring, for unit tests of nodes and of the engine. */
public final class StandardNodes {

  private StandardNodes() {}

  /** {@code log}, {@code transform}, {@code condition} and {@code fail}, with default limits. */
  public static NodeExecutors executors() {
    Templates templates = StandardExpressions.templates();
    return new NodeExecutors(
        List.of(
            new LogNode(templates, EVALUATIONS),
            new TransformNode(EXPRESSIONS, EVALUATIONS),
            new ConditionNode(EXPRESSIONS, EVALUATIONS),
            new FailNode(templates, EVALUATIONS)));
  }
}
