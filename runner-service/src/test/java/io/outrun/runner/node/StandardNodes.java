package io.outrun.runner.node;

import java.util.List;

/** Nodes as the runner builds them, outside Spring, for unit tests of nodes and of the engine. */
public final class StandardNodes {

  /** The expression threads unit tests share; daemons, so never closed. */
  static final EvaluationExecutor EVALUATIONS =
      new EvaluationExecutor(ExpressionProperties.DEFAULTS);

  static final Expressions EXPRESSIONS = new Expressions(ExpressionProperties.DEFAULTS);

  private StandardNodes() {}

  /** {@code log}, {@code transform}, {@code condition} and {@code fail}, with default limits. */
  public static NodeExecutors executors() {
    Templates templates = new Templates(EXPRESSIONS);
    return new NodeExecutors(
        List.of(
            new LogNode(templates, EVALUATIONS),
            new TransformNode(EXPRESSIONS, EVALUATIONS),
            new ConditionNode(EXPRESSIONS, EVALUATIONS),
            new FailNode(templates, EVALUATIONS)));
  }
}
