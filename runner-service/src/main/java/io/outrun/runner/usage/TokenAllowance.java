package io.outrun.runner.usage;

import java.util.OptionalLong;

/**
 * What a step may still spend of its run's AI token budget: an agent that calls its model several
 * times asks {@link #allows(long)} before every call with the tokens its own calls used so far.
 *
 * @param usedBefore the run's {@code usage.aiTokensUsed} when the step started
 * @param maxTokensPerRun {@code settings.budget.maxTokensPerRun}, empty without a budget
 */
public record TokenAllowance(long usedBefore, OptionalLong maxTokensPerRun) {

  public static final TokenAllowance UNLIMITED = new TokenAllowance(0, OptionalLong.empty());

  public TokenAllowance {
    maxTokensPerRun = maxTokensPerRun == null ? OptionalLong.empty() : maxTokensPerRun;
  }

  /** Whether one more AI call is allowed after the step's own calls used {@code usedByStep}. */
  public boolean allows(long usedByStep) {
    return TokenBudget.allows(usedBefore + usedByStep, maxTokensPerRun);
  }

  /** The same allowance after earlier attempts of the step spent {@code tokens}. */
  public TokenAllowance after(long tokens) {
    return tokens == 0 ? this : new TokenAllowance(usedBefore + tokens, maxTokensPerRun);
  }

  /** The step error once {@link #allows} is false. */
  public String exhaustedMessage() {
    return TokenBudget.exhaustedMessage(maxTokensPerRun.orElse(0));
  }
}
