package io.outrun.listener.webhook;

import static io.outrun.listener.StoredConfigs.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.service.quota.RunStartProperties;
import io.outrun.triggers.WebhookConfig.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Mono;

class WebhookRateLimitsTest {

  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private final WebhookRateLimits limits = new WebhookRateLimits(clock);

  @Test
  void aWorkspacesTriggersShareItsRunsPerMinuteAndItRefillsWithTheClock() {
    WebhookRateLimits quota = new WebhookRateLimits(clock, new RunStartProperties(2, 1, 10));
    assertThat(quota.take("t1", null, "ws")).isEmpty();
    assertThat(quota.take("t2", null, "ws")).isEmpty();

    assertThat(quota.take("t3", null, "ws"))
        .as("the third run a minute of the workspace waits for a token")
        .isEqualTo(OptionalLong.of(30));
    assertThat(quota.take("t1", null, "other-ws")).isEmpty();

    clock.add(Duration.ofMillis(29_500));
    assertThat(quota.take("t1", null, "ws")).as("rounded up").isEqualTo(OptionalLong.of(1));
    clock.add(Duration.ofMillis(500));
    assertThat(quota.take("t1", null, "ws")).isEmpty();
  }

  @Test
  void theWorkspaceQuotaIsDividedAmongReplicas() {
    WebhookRateLimits quota = new WebhookRateLimits(clock, new RunStartProperties(4, 2, 10));
    assertThat(quota.take("t", null, "ws")).isEmpty();
    assertThat(quota.take("t", null, "ws")).isEmpty();
    assertThat(quota.take("t", null, "ws")).isPresent();
  }

  @Test
  void triggerWithoutARateLimitIsNeverLimited() {
    for (int i = 0; i < 1000; i++) {
      assertThat(limits.take("t", null)).isEmpty();
    }
  }

  @Test
  void requestsOverTheLimitWaitForTheNextToken() {
    RateLimit config = perMinute(3);
    for (int i = 0; i < 3; i++) {
      assertThat(limits.take("t", config)).isEmpty();
    }

    assertThat(limits.take("t", config)).isEqualTo(OptionalLong.of(20));
    clock.add(Duration.ofSeconds(15));
    assertThat(limits.take("t", config)).isEqualTo(OptionalLong.of(5));
    clock.add(Duration.ofSeconds(5));
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
    assertThat(limits.take("t", null)).isEmpty();
  }

  @Test
  void theLimitIsTheStoredRequestsPerMinute() {
    assertThat(webhook(Map.of("rateLimit", Map.of("requestsPerMinute", 60))).rateLimit())
        .isEqualTo(new RateLimit(60));
    assertThat(webhook(Map.of()).rateLimit()).isNull();
  }

  private static RateLimit perMinute(int requests) {
    return new RateLimit(requests);
  }

  @Test
  void aWorkspacesOwnRunsPerMinuteReplacesTheDefault() {
    WebhookRateLimits quota =
        new WebhookRateLimits(
            clock,
            new RunStartProperties(1, 1, 10),
            workspace -> workspace.equals("raised") ? Mono.just(3) : Mono.empty());

    for (int i = 0; i < 3; i++) {
      assertThat(quota.admit("t", null, "raised").block()).isEmpty();
    }
    assertThat(quota.admit("t", null, "raised").block()).isPresent();
    assertThat(quota.admit("t", null, "default").block()).isEmpty();
    assertThat(quota.admit("t", null, "default").block()).isPresent();
  }
}
