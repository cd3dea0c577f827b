package io.outrun.runner.usage;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The optional per-run AI token budget, {@code settings.budget.maxTokensPerRun}.
 *
 * <p>Hook for the engine: before it executes an {@code ai_agent} node it calls {@link #allows(long,
 * OptionalLong)} with the run's {@code usage.aiTokensUsed} so far and {@link #maxTokensPerRun(Map)}
 * of the workflow settings; when that is false it fails the step (never retried) with {@link
 * #exhaustedMessage(long)} instead of calling the model. Tokens of one call are only known after
 * it, so the check is "has the run already used up its budget": a run below the limit may make one
 * more call that takes it over, and no call after that.
 */
public final class TokenBudget {

  private TokenBudget() {}

  /**
   * Whether another AI call is allowed: always without a budget, else while {@code usedSoFar} is
   * below {@code maxTokensPerRun}.
   */
  public static boolean allows(long usedSoFar, OptionalLong maxTokensPerRun) {
    return maxTokensPerRun.isEmpty() || usedSoFar < maxTokensPerRun.getAsLong();
  }

  /** {@link #allows(long, OptionalLong)} with a plain limit; null means no budget. */
  public static boolean allows(long usedSoFar, Long maxTokensPerRun) {
    return allows(
        usedSoFar,
        maxTokensPerRun == null ? OptionalLong.empty() : OptionalLong.of(maxTokensPerRun));
  }

  /**
   * {@code settings.budget.maxTokensPerRun} of workflow settings, empty when absent; a value that
   * is not a non-negative whole number is rejected.
   */
  public static OptionalLong maxTokensPerRun(Map<String, Object> settings) {
    if (settings == null || !(settings.get("budget") instanceof Map<?, ?> budget)) {
      return OptionalLong.empty();
    }
    Object max = budget.get("maxTokensPerRun");
    if (max == null) {
      return OptionalLong.empty();
    }
    if (max instanceof Number number
        && number.doubleValue() >= 0
        && number.doubleValue() == Math.floor(number.doubleValue())) {
      return OptionalLong.of(number.longValue());
    }
    throw new IllegalArgumentException(
        "settings.budget.maxTokensPerRun must be a non-negative whole number");
  }

  /** The step error of a refused AI call. */
  public static String exhaustedMessage(long maxTokensPerRun) {
    return "budget of " + maxTokensPerRun + " tokens per run exhausted";
  }
}
