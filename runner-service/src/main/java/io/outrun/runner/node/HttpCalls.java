package io.outrun.runner.node;

import io.outrun.runner.egress.EgressException;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.usage.NodeUsage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** What {@code http_request} and {@code webhook} share: building the call, reading the answer. */
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

  /**
   * What both HTTP node types do: prepare the call (templates are CPU-bound, so off the I/O event
   * loops), then send it through the guarded client, or answer the preparation's failure.
   */
  static Mono<NodeOutcome> execute(
      EvaluationExecutor evaluations,
      GuardedHttpClient client,
      NodeCall call,
      Supplier<Prepared> prepare,
      NodeUsage usage) {
    return evaluations
        .run(prepare)
        .flatMap(
            prepared ->
                prepared.failure() != null
                    ? Mono.just(prepared.failure())
                    : run(client, prepared.request(), prepared.input(), call, usage));
  }

  /**
   * Runs the call; 2xx succeeds with {@code {status, headers, body}} (capped by {@link OutputCap}),
   * anything else fails, retryable for 5xx, 429 (after its {@code Retry-After}) and network errors.
   */
  static Mono<NodeOutcome> run(
      GuardedHttpClient client,
      GuardedHttpClient.Request request,
      Map<String, Object> input,
      NodeCall call,
      NodeUsage usage) {
    return client
        .exchange(request)
        .map(response -> outcome(response, input, call, usage))
        .onErrorResume(
            EgressException.class,
            error ->
                Mono.just(
                    new NodeOutcome.Failed(
                        input,
                        "node '" + call.nodeId() + "': " + error.getMessage(),
                        error.retryable() ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.NEVER,
                        error.kind() == EgressException.Kind.REFUSED ? NodeUsage.NONE : usage)));
  }

  private static NodeOutcome outcome(
      GuardedHttpClient.Response response,
      Map<String, Object> input,
      NodeCall call,
      NodeUsage usage) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return new NodeOutcome.Succeeded(input, OutputCap.cap(output(response)), usage);
    }
    NodeOutcome.Retry retry;
    if (status == 429) {
      Duration after = response.header("retry-after").map(HttpCalls::retryAfter).orElse(null);
      retry = after == null ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.after(after);
    } else if (status >= 500) {
      retry = NodeOutcome.Retry.ALLOWED;
    } else {
      retry = NodeOutcome.Retry.NEVER;
    }
    String text = new String(response.body(), charset(response));
    String snippet = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new NodeOutcome.Failed(
        input,
        "node '"
            + call.nodeId()
            + "': HTTP "
            + status
            + " from "
            + response.url()
            + (snippet.isBlank() ? "" : ": " + snippet),
        retry,
        usage);
  }

  /** {@code {status, headers, body}}; a JSON response's body parsed, others as text. */
  static Map<String, Object> output(GuardedHttpClient.Response response) {
    Map<String, Object> headers = new LinkedHashMap<>();
    response.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status", response.status());
    output.put("headers", headers);
    output.put("body", body(response));
    return output;
  }

  private static Object body(GuardedHttpClient.Response response) {
    String contentType = response.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    byte[] bytes = response.body();
    if (contentType.contains("json")) {
      if (bytes.length == 0) {
        return null;
      }
      try {
        return JSON.readValue(bytes, Object.class);
      } catch (JacksonException e) {
        // a peer that says JSON but sends something else: keep the text
      }
    }
    return new String(bytes, charset(response));
  }

  private static Charset charset(GuardedHttpClient.Response response) {
    String contentType = response.header("content-type").orElse("");
    for (String part : contentType.split(";")) {
      String trimmed = part.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        try {
          return Charset.forName(trimmed.substring(8).replace("\"", "").trim());
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** {@code Retry-After}: delta-seconds or an HTTP date; null when unreadable. */
  static Duration retryAfter(String value) {
    String trimmed = value.trim();
    if (trimmed.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delta = Duration.between(Instant.now(), at);
      return delta.isNegative() ? Duration.ZERO : delta;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
