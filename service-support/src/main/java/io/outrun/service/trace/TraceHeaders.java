package io.outrun.service.trace;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context header that Outrun's Kafka records carry: {@code 00-<32 hex trace id>-<16
 * hex parent span id>-<2 hex flags>}.
 */
public final class TraceHeaders {

  /** The header's name, on HTTP requests and on Kafka records alike. */
  public static final String TRACEPARENT = "traceparent";

  private static final Pattern VALID =
      Pattern.compile("[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

  private TraceHeaders() {}

  /** The trace id a well-formed {@code traceparent} names; empty for anything else. */
  public static Optional<String> traceIdOf(String traceparent) {
    return traceparent != null && VALID.matcher(traceparent).matches()
        ? Optional.of(traceparent.substring(3, 35))
        : Optional.empty();
  }
}
