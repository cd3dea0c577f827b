package io.outrun.runner.expression;

import com.dashjoin.jsonata.JException;

/**
 * An evaluation stopped by its budget. A {@link JException}, because JSONata rethrows those as they
 * are and turns other exceptions thrown inside {@code and}/{@code or} into "Unexpected".
 */
final class LimitExceeded extends JException {

  private static final String KEYS = "outrun.runner.expressions.";

  private final String reason;

  private LimitExceeded(String reason) {
    super(reason, -1);
    this.reason = reason;
  }

  @Override
  public String getMessage() {
    return reason;
  }

  static LimitExceeded time(long timeoutMs) {
    return new LimitExceeded(
        "stopped after %d ms, its time limit (%stimeout)".formatted(timeoutMs, KEYS));
  }

  static LimitExceeded depth(int maxDepth) {
    return new LimitExceeded(
        "stopped: nested or recursed deeper than %d (%smax-depth)".formatted(maxDepth, KEYS));
  }

  static LimitExceeded memory(long maxBytes) {
    return new LimitExceeded(
        "stopped: allocated more than %d MB (%smax-memory)".formatted(maxBytes >> 20, KEYS));
  }

  static LimitExceeded string(int max) {
    return new LimitExceeded(
        "stopped: a string longer than %d characters (%smax-string-length)".formatted(max, KEYS));
  }

  static LimitExceeded items(int max) {
    return new LimitExceeded(
        "stopped: a value of more than %d items (%smax-items)".formatted(max, KEYS));
  }

  static LimitExceeded cancelled() {
    return new LimitExceeded("stopped: the step was cancelled");
  }

  static LimitExceeded refused(String why) {
    return new LimitExceeded(why);
  }
}
