package io.outrun.runner.retry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When to try a failed node again: data, read from a workflow's {@code settings.retryPolicy} and
 * overridden field by field by a node's {@code data.retry}. Pure: no clock, no randomness of its
 * own (the caller passes the random number), so the timing is tested with explicit values.
 *
 * <p>The delay before attempt {@code n + 1}, after attempt {@code n} failed, is {@code
 * initialDelayMs} (fixed) or {@code initialDelayMs * 2^(n-1)} (exponential), capped at {@code
 * maxDelayMs}, then jittered: {@code none} keeps it, {@code full} picks uniformly in {@code [0,
 * d]}, {@code equal} in {@code [d/2, d]}. A peer's {@code Retry-After} is a lower bound that wins
 * over the cap: calling earlier than the peer asked only earns another refusal; the run's timeout
 * still bounds the whole wait.
 */
public record RetryPolicy(
    int maxRetries, Backoff backoff, long initialDelayMs, long maxDelayMs, Jitter jitter) {

  public static final RetryPolicy NONE =
      new RetryPolicy(0, Backoff.FIXED, 1000, 60_000, Jitter.NONE);

  public enum Backoff {
    FIXED,
    EXPONENTIAL
  }

  public enum Jitter {
    NONE,
    FULL,
    EQUAL
  }

  public RetryPolicy {
    if (maxRetries < 0 || initialDelayMs < 0 || maxDelayMs < 0) {
      throw new IllegalArgumentException(
          "a retry policy needs non-negative maxRetries, initialDelayMs and maxDelayMs");
    }
  }

  /** The workflow's policy, from {@code settings.retryPolicy} (null or absent: no retries). */
  public static RetryPolicy from(Map<String, Object> settings) {
    return NONE.overriddenBy(settings);
  }

  /** This policy with the fields a node's {@code data.retry} sets replaced. */
  public RetryPolicy overriddenBy(Map<String, Object> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    return new RetryPolicy(
        (int) number(overrides, "maxRetries", maxRetries),
        text(overrides, "backoffStrategy").map(s -> parse(Backoff.class, s)).orElse(backoff),
        number(overrides, "initialDelayMs", initialDelayMs),
        number(overrides, "maxDelayMs", maxDelayMs),
        text(overrides, "jitter").map(s -> parse(Jitter.class, s)).orElse(jitter));
  }

  /**
   * How long to wait before the next attempt, after attempt {@code attempt} (1 for the first)
   * failed retryably; empty when the retries are used up. Whether a failure may be retried at all
   * is the caller's to know.
   *
   * @param notBefore the wait the peer asked for ({@link RetryAfter}), {@link Duration#ZERO} if
   *     none
   * @param random a number in {@code [0, 1)}, used by jitter
   */
  public Optional<Duration> delayBefore(int attempt, Duration notBefore, double random) {
    if (attempt > maxRetries) {
      return Optional.empty();
    }
    long delay = Math.min(backoffMs(attempt), maxDelayMs);
    long jittered =
        switch (jitter) {
          case NONE -> delay;
          case FULL -> (long) (delay * random);
          case EQUAL -> delay / 2 + (long) ((delay - delay / 2) * random);
        };
    return Optional.of(Duration.ofMillis(Math.max(jittered, notBefore.toMillis())));
  }

  private long backoffMs(int attempt) {
    if (backoff == Backoff.FIXED) {
      return initialDelayMs;
    }
    int doublings = Math.min(attempt - 1, 62);
    long factor = 1L << doublings;
    return initialDelayMs > Long.MAX_VALUE / factor ? Long.MAX_VALUE : initialDelayMs * factor;
  }

  private static long number(Map<String, Object> map, String key, long fallback) {
    Object value = map.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("retry " + key + " must be a number");
  }

  private static Optional<String> text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String string) {
      return Optional.of(string);
    }
    throw new IllegalArgumentException("retry " + key + " must be a string");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown retry " + type.getSimpleName().toLowerCase(Locale.ROOT) + " " + name, e);
    }
  }
}
