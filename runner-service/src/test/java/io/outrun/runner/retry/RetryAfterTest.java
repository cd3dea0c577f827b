package io.outrun.runner.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  /** Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date. */
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:37Z");

  private final RetryAfter retryAfter = new RetryAfter(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void delaySecondsAreThatManySeconds() {
    assertThat(retryAfter.parse("7")).contains(Duration.ofSeconds(7));
    assertThat(retryAfter.parse("0")).contains(Duration.ZERO);
    assertThat(retryAfter.parse(" 120 ")).contains(Duration.ofMinutes(2));
    assertThat(retryAfter.parse("007")).contains(Duration.ofSeconds(7));
  }

  @Test
  void anHttpDateIsTheTimeUntilThenOnTheInjectedClock() {
    assertThat(retryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT")).contains(Duration.ofSeconds(30));
    assertThat(retryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(Duration.ZERO);
  }

  @Test
  void anHttpDateIsReadOnTheClockItIsGiven() {
    RetryAfter later = new RetryAfter(Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC));

    assertThat(later.parse("Sun, 06 Nov 1994 08:50:07 GMT")).contains(Duration.ofSeconds(10));
  }

  @Test
  void aDateThatHasPassedMeansNoWait() {
    assertThat(retryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT")).contains(Duration.ZERO);
    assertThat(retryAfter.parse("Thu, 01 Jan 1970 00:00:00 GMT")).contains(Duration.ZERO);
  }

  @Test
  void garbageAsksForNothingSoThePolicysOwnDelayApplies() {
    assertThat(retryAfter.parse(null)).isEmpty();
    assertThat(retryAfter.parse("")).isEmpty();
    assertThat(retryAfter.parse("   ")).isEmpty();
    assertThat(retryAfter.parse("soon")).isEmpty();
    assertThat(retryAfter.parse("-5")).isEmpty();
    assertThat(retryAfter.parse("+5")).isEmpty();
    assertThat(retryAfter.parse("1.5")).isEmpty();
    assertThat(retryAfter.parse("5 seconds")).isEmpty();
    assertThat(retryAfter.parse("1994-11-06T08:50:07Z")).isEmpty();
    assertThat(retryAfter.parse("Sun, 06 Nov 1994 25:00:00 GMT")).isEmpty();
    assertThat(retryAfter.parse("٣")).isEmpty(); // a digit, but not an ASCII one
  }

  @Test
  void aWaitLongerThanTheCapIsTheCap() {
    assertThat(retryAfter.parse("3600")).contains(RetryAfter.MAX_WAIT);
    assertThat(retryAfter.parse("3601")).contains(RetryAfter.MAX_WAIT);
    assertThat(retryAfter.parse("999999999")).contains(RetryAfter.MAX_WAIT);
    assertThat(retryAfter.parse("Mon, 07 Nov 1994 08:49:37 GMT")).contains(RetryAfter.MAX_WAIT);
  }

  @Test
  void moreDigitsThanALongHoldsAreTheCapNotAnOverflow() {
    assertThat(retryAfter.parse("9223372036854775808")).contains(RetryAfter.MAX_WAIT);
    assertThat(retryAfter.parse("9".repeat(400))).contains(RetryAfter.MAX_WAIT);
    assertThat(retryAfter.parse("0".repeat(400) + "5")).contains(Duration.ofSeconds(5));
  }
}
