package io.outrun.runner.expression;

/** An expression that does not parse or cannot be evaluated; a node turns it into a failed step. */
public final class ExpressionException extends RuntimeException {

  /** Longest part of an expression an error repeats. */
  private static final int SHOWN = 200;

  private final String expression;
  private final String reason;

  ExpressionException(String expression, String reason) {
    super("expression '" + shown(expression) + "': " + reason);
    this.expression = shown(expression);
    this.reason = reason;
  }

  /** The step error: names the node and the expression (its first 200 characters). */
  public String describeFor(String nodeId) {
    return "node '" + nodeId + "': cannot evaluate expression '" + expression + "': " + reason;
  }

  private static String shown(String expression) {
    return expression.length() <= SHOWN ? expression : expression.substring(0, SHOWN) + "...";
  }
}
