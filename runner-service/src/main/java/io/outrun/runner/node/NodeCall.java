package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.usage.TokenAllowance;
import java.util.Map;

/**
 * One node to execute: its id, type, settings ({@code data}), what its expressions see, the run it
 * belongs to, which attempt at the node this is (1 for the first) and what it may still spend of
 * the run's AI token budget.
 *
 * @param run the run executing the node; what a node that starts other runs ({@code sub_workflow})
 *     names as their parent
 */
public record NodeCall(
    String nodeId,
    String type,
    Map<String, Object> data,
    ExpressionContext context,
    RunScope run,
    int attempt,
    TokenAllowance tokens) {

  public NodeCall {
    data = data == null ? Map.of() : data;
    run = run == null ? RunScope.of(context) : run;
    tokens = tokens == null ? TokenAllowance.UNLIMITED : tokens;
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1");
    }
  }

  /** The first attempt at a node of a run known only by its expression context, no token budget. */
  public NodeCall(String nodeId, String type, Map<String, Object> data, ExpressionContext context) {
    this(nodeId, type, data, context, null, 1, TokenAllowance.UNLIMITED);
  }

  /** The same call, its templates seeing these secret values. */
  public NodeCall withSecrets(Map<String, String> secrets) {
    return secrets.isEmpty()
        ? this
        : new NodeCall(nodeId, type, data, context.withSecrets(secrets), run, attempt, tokens);
  }

  /** The same call, its templates seeing a tool call's {@code arguments} as {@code $args}. */
  public NodeCall withArgs(Map<String, Object> arguments) {
    return new NodeCall(nodeId, type, data, context.withArgs(arguments), run, attempt, tokens);
  }

  /** The same call as attempt {@code n}. */
  public NodeCall attempt(int n) {
    return n == attempt ? this : new NodeCall(nodeId, type, data, context, run, n, tokens);
  }

  /** The same call, limited to what is left of the run's token budget. */
  public NodeCall withTokens(TokenAllowance allowance) {
    return new NodeCall(nodeId, type, data, context, run, attempt, allowance);
  }
}
