package io.outrun.service.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.service.quota.RunStartQuota.Allowed;
import io.outrun.service.quota.RunStartQuota.Exceeded;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class RunStartBucketsTest {

  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
  private final RunStartBuckets buckets = new RunStartBuckets(clock, 100);

  @Test
  void aFullBucketAllowsItsLimitThenRefuses() {
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("ws", 3)).isInstanceOf(Allowed.class);
    }
    assertThat(buckets.take("ws", 3)).isInstanceOf(Exceeded.class);
  }

  @Test
  void anEmptyBucketSaysWhenItsNextTokenIsBackRoundedUpToASecond() {
    buckets.take("ws", 3);
    buckets.take("ws", 3);
    buckets.take("ws", 3);
    clock.add(Duration.ofMillis(500));

    Exceeded exceeded = (Exceeded) buckets.take("ws", 3);

    assertThat(exceeded.retryAfter()).isEqualTo(Duration.ofMillis(19_500));
    assertThat(exceeded.retryAfterSeconds()).isEqualTo(20);
    assertThat(exceeded.perMinute()).isEqualTo(3);
  }

  @Test
  void theBucketRefillsAtItsLimitPerMinuteAndNeverAboveIt() {
    for (int i = 0; i < 60; i++) {
      buckets.take("ws", 60);
    }
    assertThat(buckets.take("ws", 60)).isInstanceOf(Exceeded.class);

    clock.add(Duration.ofSeconds(1));
    assertThat(buckets.take("ws", 60)).isInstanceOf(Allowed.class);
    assertThat(buckets.take("ws", 60)).isInstanceOf(Exceeded.class);

    clock.add(Duration.ofHours(1));
    for (int i = 0; i < 60; i++) {
      assertThat(buckets.take("ws", 60)).isInstanceOf(Allowed.class);
    }
    assertThat(buckets.take("ws", 60)).isInstanceOf(Exceeded.class);
  }

  @Test
  void oneWorkspacesEmptyBucketLeavesAnothersFull() {
    buckets.take("flooding", 1);
    assertThat(buckets.take("flooding", 1)).isInstanceOf(Exceeded.class);
    assertThat(buckets.take("quiet", 1)).isInstanceOf(Allowed.class);
  }

  @Test
  void aWorkspaceWithAHigherOverrideRefillsAtItsOwnRate() {
    buckets.take("default", 1);
    for (int i = 0; i < 120; i++) {
      buckets.take("override", 120);
    }

    clock.add(Duration.ofSeconds(1));

    assertThat(buckets.take("default", 1)).isInstanceOf(Exceeded.class);
    assertThat(buckets.take("override", 120)).isInstanceOf(Allowed.class);
    assertThat(buckets.take("override", 120)).isInstanceOf(Allowed.class);
    assertThat(buckets.take("override", 120)).isInstanceOf(Exceeded.class);
  }

  @Test
  void noLimitAlwaysAllows() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(buckets.take("ws", 0)).isInstanceOf(Allowed.class);
    }
  }

  @Test
  void retryAfterIsAtLeastOneSecond() {
    assertThat(new Exceeded(6_000, Duration.ofMillis(10)).retryAfterSeconds()).isEqualTo(1);
    assertThat(new Exceeded(1, Duration.ofSeconds(60)).retryAfterSeconds()).isEqualTo(60);
  }

  @Test
  void bucketsAreKeptForABoundedNumberOfWorkspaces() {
    RunStartBuckets few = new RunStartBuckets(clock, 2);
    few.take("a", 1);
    few.take("b", 1);
    few.take("c", 1);

    assertThat(few.take("a", 1))
        .as("a's bucket was dropped, so full again")
        .isInstanceOf(Allowed.class);
    assertThat(few.take("c", 1)).isInstanceOf(Exceeded.class);
  }
}
