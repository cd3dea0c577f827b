package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.usage.TokenAllowance;
import java.util.Map;

/**
 * One node to execute: its id, type, settings ({@code data}), what its expressions see and what it
 * may still spend of the run's AI token budget.
 */
public record NodeCall(
    String nodeId,
    String type,
    Map<String, Object> data,
    ExpressionContext context,
    TokenAllowance tokens) {

  public NodeCall {
    data = data == null ? Map.of() : data;
    tokens = tokens == null ? TokenAllowance.UNLIMITED : tokens;
  }

  /** A call with no token budget. */
  public NodeCall(String nodeId, String type, Map<String, Object> data, ExpressionContext context) {
    this(nodeId, type, data, context, TokenAllowance.UNLIMITED);
  }

  /** The same call, its templates seeing these secret values. */
  public NodeCall withSecrets(Map<String, String> secrets) {
    return secrets.isEmpty()
        ? this
        : new NodeCall(nodeId, type, data, context.withSecrets(secrets), tokens);
  }

  /** The same call, limited to what is left of the run's token budget. */
  public NodeCall withTokens(TokenAllowance allowance) {
    return new NodeCall(nodeId, type, data, context, allowance);
  }
}
