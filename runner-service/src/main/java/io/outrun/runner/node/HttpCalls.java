package io.outrun.runner.node;

import io.outrun.runner.egress.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** What {@code http_request} and {@code webhook} share in building their call. */
final class HttpCalls {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpCalls() {}

  /** {@code <runId>:<nodeId>}: the same for every attempt of one step. */
  static String idempotencyKey(NodeCall call) {
    return call.context().runId() + ":" + call.nodeId();
  }

  /** {@code data.headers} as names to values (non-string values rendered as text). */
  static Map<String, String> headers(Object value) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (name, item) -> {
            if (name != null && item != null) {
              headers.put(String.valueOf(name), String.valueOf(item));
            }
          });
    } else if (value != null) {
      throw new IllegalArgumentException("headers must be an object");
    }
    return headers;
  }

  /** Puts {@code name: value}, replacing any spelling of the same name. */
  static void put(Map<String, String> headers, String name, String value) {
    headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    headers.put(name, value);
  }

  static boolean has(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(name));
  }

  /** {@code data.timeoutMs}, or null for the configured default. */
  static Duration timeout(Object value) {
    if (value == null) {
      return null;
    }
    long millis;
    if (value instanceof Number number) {
      millis = number.longValue();
    } else {
      try {
        millis = Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("timeoutMs must be a number of milliseconds");
      }
    }
    if (millis <= 0) {
      throw new IllegalArgumentException("timeoutMs must be positive");
    }
    return Duration.ofMillis(millis);
  }

  /** A string as is (UTF-8); anything else as JSON. */
  static byte[] body(Object value, boolean jsonOnly) {
    if (value == null) {
      return jsonOnly ? "null".getBytes(StandardCharsets.UTF_8) : null;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return JSON.writeValueAsBytes(value);
  }

  static boolean isJson(Object value) {
    return value != null && !(value instanceof String);
  }

  /**
   * A node's call, ready to send: its resolved input and request, or the failure that stopped it (a
   * bad template, a missing url).
   */
  record Prepared(
      Map<String, Object> input, GuardedHttpClient.Request request, NodeOutcome failure) {}
}
