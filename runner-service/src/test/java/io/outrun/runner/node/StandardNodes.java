package io.outrun.runner.node;

import static io.outrun.runner.expression.StandardExpressions.EVALUATIONS;
import static io.outrun.runner.expression.StandardExpressions.EXPRESSIONS;

import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.subflow.ChildOutcome;
import io.outrun.runner.subflow.ChildWorkflows;
import java.util.List;
import reactor.core.publisher.Mono;

/** Nodes as the runner builds them, outside Spring, for unit tests of nodes and of the engine. */
public final class StandardNodes {

  /**
   * The child runs of a node built outside a runner: every one refused (the sub-workflow tests run
   * in the runner's Spring context, against Kafka and MongoDB).
   */
  public static final ChildWorkflows NO_CHILD_RUNS =
      (parent, workflowId, input, wait, timeout) ->
          Mono.just(new ChildOutcome.Refused("no child runs outside a runner"));

  private StandardNodes() {}

  /** An {@code ai_agent}'s tools as the runner builds them, without child runs. */
  static AgentTools agentTools(HttpExchanges exchanges) {
    return new AgentTools(exchanges, StandardExpressions.templates(), NO_CHILD_RUNS);
  }

  /** {@code log}, {@code transform}, {@code condition} and {@code fail}, with default limits. */
  public static NodeExecutors executors() {
    Templates templates = StandardExpressions.templates();
    return new NodeExecutors(
        List.of(
            new LogNode(templates, EVALUATIONS),
            new TransformNode(new ExpressionNodes(EXPRESSIONS, EVALUATIONS)),
            new ConditionNode(new ExpressionNodes(EXPRESSIONS, EVALUATIONS)),
            new FailNode(templates, EVALUATIONS)));
  }
}
