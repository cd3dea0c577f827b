package io.outrun.runner.node;

/** An expression that does not parse or cannot be evaluated; a node turns it into a failed step. */
final class ExpressionException extends RuntimeException {

  private final String expression;
  private final String reason;

  ExpressionException(String expression, String reason) {
    super("expression '" + expression + "': " + reason);
    this.expression = expression;
    this.reason = reason;
  }

  /** The step error: names the node and the expression. */
  String describeFor(String nodeId) {
    return "node '" + nodeId + "': cannot evaluate expression '" + expression + "': " + reason;
  }
}
