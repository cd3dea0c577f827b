package io.outrun.runner.expression;

import java.util.List;
import java.util.Map;

/**
 * Expressions, templates and their threads as the runner builds them, outside Spring, for unit
 * tests of the nodes and of the engine.
 */
public final class StandardExpressions {

  /** The expression threads unit tests share; daemons, so never closed. */
  public static final EvaluationExecutor EVALUATIONS =
      new EvaluationExecutor(ExpressionProperties.DEFAULTS);

  public static final Expressions EXPRESSIONS = new Expressions(ExpressionProperties.DEFAULTS);

  /** What a step's expressions see in most tests: a trigger payload and one step's output. */
  public static final ExpressionContext CONTEXT =
      new ExpressionContext(
          Map.of("name", "Ada", "items", List.of(Map.of("price", 2), Map.of("price", 3))),
          Map.of("greet", Map.of("message", "Hello Ada")),
          "run-1",
          "wf-1");

  private StandardExpressions() {}

  /** Templates over {@link #EXPRESSIONS}. */
  public static Templates templates() {
    return new Templates(EXPRESSIONS);
  }

  /** Expression threads of their own, to close after use. */
  public static EvaluationExecutor executor(int threads, int longThreads, int queue) {
    return new EvaluationExecutor(
        ExpressionProperties.DEFAULTS.withThreads(threads, longThreads, queue));
  }
}
