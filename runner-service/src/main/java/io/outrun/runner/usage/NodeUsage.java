package io.outrun.runner.usage;

/**
 * What one node attempt consumed, added up into the run's {@code usage}.
 *
 * @param unpricedModel an AI model with no entry in the price table (its cost counts as 0)
 */
public record NodeUsage(
    long aiTokensUsed,
    double estimatedCost,
    long webhooksCalled,
    long httpRequests,
    boolean unpricedModel) {

  public static final NodeUsage NONE = new NodeUsage(0, 0, 0, 0, false);

  public static NodeUsage httpRequest() {
    return new NodeUsage(0, 0, 0, 1, false);
  }

  public static NodeUsage webhookCall() {
    return new NodeUsage(0, 0, 1, 0, false);
  }

  /** Only the AI part (tokens, cost): what a failed attempt's usage carries into its retry. */
  public NodeUsage aiOnly() {
    return new NodeUsage(aiTokensUsed, estimatedCost, 0, 0, unpricedModel);
  }

  public NodeUsage plus(NodeUsage other) {
    return new NodeUsage(
        aiTokensUsed + other.aiTokensUsed,
        estimatedCost + other.estimatedCost,
        webhooksCalled + other.webhooksCalled,
        httpRequests + other.httpRequests,
        unpricedModel || other.unpricedModel);
  }
}
