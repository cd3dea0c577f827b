package io.outrun.runner.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RetryPolicy EXPONENTIAL =
      RetryPolicy.from(
          Map.of(
              "maxRetries", 10,
              "backoffStrategy", "exponential",
              "initialDelayMs", 1000,
              "maxDelayMs", 5000));

  @Test
  void noPolicyMeansNoRetry() {
    assertThat(RetryPolicy.from(null).delayBefore(1, Duration.ZERO, 0.5)).isEmpty();
  }

  @Test
  void fixedBackoffWaitsTheInitialDelayEveryTime() {
    RetryPolicy fixed = RetryPolicy.from(Map.of("maxRetries", 3, "initialDelayMs", 250));

    assertThat(fixed.delayBefore(1, Duration.ZERO, 0.9)).contains(Duration.ofMillis(250));
    assertThat(fixed.delayBefore(3, Duration.ZERO, 0.9)).contains(Duration.ofMillis(250));
    assertThat(fixed.delayBefore(4, Duration.ZERO, 0.9)).isEmpty();
  }

  @Test
  void exponentialBackoffDoublesUpToTheCap() {
    assertThat(EXPONENTIAL.delayBefore(1, Duration.ZERO, 0)).contains(Duration.ofMillis(1000));
    assertThat(EXPONENTIAL.delayBefore(2, Duration.ZERO, 0)).contains(Duration.ofMillis(2000));
    assertThat(EXPONENTIAL.delayBefore(3, Duration.ZERO, 0)).contains(Duration.ofMillis(4000));
    assertThat(EXPONENTIAL.delayBefore(4, Duration.ZERO, 0)).contains(Duration.ofMillis(5000));
    assertThat(EXPONENTIAL.delayBefore(10, Duration.ZERO, 0)).contains(Duration.ofMillis(5000));
    assertThat(EXPONENTIAL.delayBefore(11, Duration.ZERO, 0)).isEmpty();
  }

  @Test
  void hugeAttemptNumbersDoNotOverflow() {
    RetryPolicy many = EXPONENTIAL.overriddenBy(Map.of("maxRetries", 1000));
    assertThat(many.delayBefore(200, Duration.ZERO, 0)).contains(Duration.ofMillis(5000));
  }

  @Test
  void fullJitterPicksBetweenZeroAndTheDelay() {
    RetryPolicy full = EXPONENTIAL.overriddenBy(Map.of("jitter", "full"));

    assertThat(full.delayBefore(2, Duration.ZERO, 0.0)).contains(Duration.ZERO);
    assertThat(full.delayBefore(2, Duration.ZERO, 0.5)).contains(Duration.ofMillis(1000));
    assertThat(full.delayBefore(2, Duration.ZERO, 0.999)).contains(Duration.ofMillis(1998));
  }

  @Test
  void equalJitterPicksBetweenHalfTheDelayAndTheDelay() {
    RetryPolicy equal = EXPONENTIAL.overriddenBy(Map.of("jitter", "equal"));

    assertThat(equal.delayBefore(2, Duration.ZERO, 0.0)).contains(Duration.ofMillis(1000));
    assertThat(equal.delayBefore(2, Duration.ZERO, 0.5)).contains(Duration.ofMillis(1500));
    assertThat(equal.delayBefore(2, Duration.ZERO, 0.999)).contains(Duration.ofMillis(1999));
  }

  @Test
  void retryAfterIsALowerBoundEvenAboveTheCap() {
    assertThat(EXPONENTIAL.delayBefore(1, Duration.ofSeconds(3), 0))
        .contains(Duration.ofSeconds(3));
    assertThat(EXPONENTIAL.delayBefore(3, Duration.ofSeconds(1), 0))
        .contains(Duration.ofSeconds(4));
    assertThat(EXPONENTIAL.delayBefore(1, Duration.ofSeconds(30), 0))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void nodeOverridesReplaceOnlyTheFieldsTheySet() {
    RetryPolicy merged = EXPONENTIAL.overriddenBy(Map.of("maxRetries", 1, "jitter", "EQUAL"));

    assertThat(merged)
        .isEqualTo(
            new RetryPolicy(
                1, RetryPolicy.Backoff.EXPONENTIAL, 1000, 5000, RetryPolicy.Jitter.EQUAL));
    assertThat(EXPONENTIAL.overriddenBy(Map.of())).isEqualTo(EXPONENTIAL);
  }

  @Test
  void defaultsAreNoRetriesOneSecondAndOneMinuteCap() {
    assertThat(RetryPolicy.from(Map.of()))
        .isEqualTo(
            new RetryPolicy(0, RetryPolicy.Backoff.FIXED, 1000, 60_000, RetryPolicy.Jitter.NONE));
  }

  @Test
  void malformedPoliciesAreRejected() {
    assertThatThrownBy(() -> RetryPolicy.from(Map.of("backoffStrategy", "linear")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear");
    assertThatThrownBy(() -> RetryPolicy.from(Map.of("maxRetries", "three")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.from(Map.of("maxRetries", -1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
