package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WebhookRateLimitsTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final WebhookRateLimits limits = new WebhookRateLimits(clock);

  @Test
  void triggerWithoutARateLimitIsNeverLimited() {
    for (int i = 0; i < 1000; i++) {
      assertThat(limits.take("t", Map.of())).isEmpty();
    }
  }

  @Test
  void requestsOverTheLimitWaitForTheNextToken() {
    Map<String, Object> config = perMinute(3);
    for (int i = 0; i < 3; i++) {
      assertThat(limits.take("t", config)).isEmpty();
    }

    assertThat(limits.take("t", config)).isEqualTo(OptionalLong.of(20));
    clock.advance(Duration.ofSeconds(15));
    assertThat(limits.take("t", config)).isEqualTo(OptionalLong.of(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(limits.take("t", config)).isEmpty();
  }

  @Test
  void eachTriggerHasItsOwnBucket() {
    assertThat(limits.take("a", perMinute(1))).isEmpty();
    assertThat(limits.take("a", perMinute(1))).isPresent();

    assertThat(limits.take("b", perMinute(1))).isEmpty();
  }

  @Test
  void changedLimitTakesEffectAtOnce() {
    assertThat(limits.take("t", perMinute(1))).isEmpty();
    assertThat(limits.take("t", perMinute(1))).isPresent();

    assertThat(limits.take("t", perMinute(2))).isEmpty();
    assertThat(limits.take("t", Map.of())).isEmpty();
  }

  @Test
  void onlyAPositiveWholeNumberIsALimit() {
    assertThat(WebhookRateLimits.requestsPerMinute(perMinute(60))).isEqualTo(60);
    assertThat(WebhookRateLimits.requestsPerMinute(perMinute(0))).isZero();
    assertThat(WebhookRateLimits.requestsPerMinute(perMinute(-5))).isZero();
    assertThat(WebhookRateLimits.requestsPerMinute(Map.of("rateLimit", Map.of("rpm", 5)))).isZero();
    assertThat(
            WebhookRateLimits.requestsPerMinute(
                Map.of("rateLimit", Map.of("requestsPerMinute", 1.5))))
        .isZero();
    assertThat(
            WebhookRateLimits.requestsPerMinute(
                Map.of("rateLimit", Map.of("requestsPerMinute", "60"))))
        .isZero();
  }

  private static Map<String, Object> perMinute(int requests) {
    return Map.of("rateLimit", Map.of("requestsPerMinute", requests));
  }

  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
