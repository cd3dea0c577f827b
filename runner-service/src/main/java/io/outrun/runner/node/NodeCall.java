package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionContext;
import java.util.Map;

/** One node to execute: its id, type, settings ({@code data}) and what its expressions see. */
public record NodeCall(
    String nodeId, String type, Map<String, Object> data, ExpressionContext context) {

  public NodeCall {
    data = data == null ? Map.of() : data;
  }

  /** The same call, its templates seeing these secret values. */
  public NodeCall withSecrets(Map<String, String> secrets) {
    return secrets.isEmpty()
        ? this
        : new NodeCall(nodeId, type, data, context.withSecrets(secrets));
  }
}
