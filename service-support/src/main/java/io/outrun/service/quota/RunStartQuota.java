package io.outrun.service.quota;

import java.time.Duration;

/** Whether a workspace may start one more run now. */
public sealed interface RunStartQuota {

  /** The run may start; a token was taken. */
  record Allowed() implements RunStartQuota {}

  /**
   * The workspace started {@code perMinute} runs within the last minute; a token is back after
   * {@code retryAfter}.
   */
  record Exceeded(int perMinute, Duration retryAfter) implements RunStartQuota {

    /** {@code Retry-After} in whole seconds, rounded up (at least 1). */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds();
      return Math.max(1, retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }
  }
}
