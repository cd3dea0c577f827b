package io.outrun.runner.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads a peer's {@code Retry-After} header (RFC 9110, section 10.2.3) as the wait it asks for. The
 * one parser for every node that calls out; the time an HTTP date is measured from comes from the
 * injected clock.
 *
 * <ul>
 *   <li>delay-seconds, one or more digits: that many seconds;
 *   <li>an HTTP date ({@code Sun, 06 Nov 1994 08:49:37 GMT}): the time until then, zero when it has
 *       passed;
 *   <li>anything else (blank, negative, fractional, another date format): nothing, so the retry
 *       policy's own delay applies;
 *   <li>a wait over {@link #MAX_WAIT} is {@link #MAX_WAIT}: a peer cannot hold a step, and the
 *       run's lease and concurrency slot with it, for days.
 * </ul>
 */
@Component
public final class RetryAfter {

  /** The longest wait a peer's {@code Retry-After} can ask for: the longest {@code delay} node. */
  public static final Duration MAX_WAIT = Duration.ofHours(1);

  /** More digits than this are a wait beyond {@link #MAX_WAIT} whatever they say. */
  private static final int MAX_DIGITS = 18;

  private final Clock clock;

  public RetryAfter(Clock clock) {
    this.clock = clock;
  }

  /** The wait {@code header} asks for; empty when it is absent or unreadable. */
  public Optional<Duration> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(seconds(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(capped(Duration.between(clock.instant(), at)));
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  private static Duration seconds(String digits) {
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > MAX_DIGITS) {
      return MAX_WAIT;
    }
    return capped(Duration.ofSeconds(Long.parseLong(significant)));
  }

  private static Duration capped(Duration wait) {
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
