package io.outrun.listener.webhook;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;

/**
 * Builds what a webhook run sees as {@code $trigger}: {@code method}, {@code path}, {@code headers}
 * (lower-case names, credentials and signatures left out), {@code query} and {@code body}. A body
 * that says it is JSON is parsed within {@link WebhookJson}'s limits; one over them is refused.
 */
final class WebhookPayloads {

  /** The payload, or why the body cannot be one. */
  sealed interface Payload {
    record Ready(Map<String, Object> fields) implements Payload {}

    record Refused(String detail) implements Payload {}
  }

  /** Request headers that carry credentials; any header naming a signature is left out too. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

  private static final List<String> DELIVERY_ID_HEADERS =
      List.of("webhook-id", "X-GitHub-Delivery", "Idempotency-Key");

  private final WebhookJson json;

  WebhookPayloads(WebhookJson json) {
    this.json = json;
  }

  Payload payload(WebhookCall call, byte[] body) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("method", call.method());
    payload.put("path", call.path());
    payload.put("headers", headers(call.headers()));
    payload.put("query", query(call.query()));
    if (body.length > 0) {
      switch (body(call.headers(), body)) {
        case WebhookJson.Value(Object value) -> payload.put("body", value);
        case WebhookJson.Refused(String detail) -> {
          return new Payload.Refused(detail);
        }
        case WebhookJson.NotJson notJson -> throw new IllegalStateException("read as text");
      }
    }
    return new Payload.Ready(payload);
  }

  /** The sender's id of this delivery, so a redelivery names the same run. */
  static Optional<String> deliveryId(HttpHeaders headers) {
    for (String name : DELIVERY_ID_HEADERS) {
      String value = headers.getFirst(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }

  static Map<String, Object> headers(HttpHeaders headers) {
    Map<String, Object> result = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!isSecret(lower)) {
            result.put(lower, String.join(", ", values));
          }
        });
    return result;
  }

  static boolean isSecret(String lowerCaseName) {
    return SECRET_HEADERS.contains(lowerCaseName) || lowerCaseName.contains("signature");
  }

  static Map<String, Object> query(MultiValueMap<String, String> query) {
    Map<String, Object> result = new LinkedHashMap<>();
    query.forEach(
        (name, values) -> result.put(name, values.size() == 1 ? values.getFirst() : values));
    return result;
  }

  /**
   * Parsed JSON when the request says JSON and it parses, refused when it is JSON over a limit; the
   * text otherwise (never {@link WebhookJson.NotJson}).
   */
  WebhookJson.Read body(HttpHeaders headers, byte[] body) {
    Optional<MediaType> type = contentType(headers);
    Charset charset = type.map(WebhookPayloads::charset).orElse(StandardCharsets.UTF_8);
    if (type.isEmpty() || !isJson(type.get())) {
      return new WebhookJson.Value(new String(body, charset));
    }
    WebhookJson.Read read =
        charset.equals(StandardCharsets.UTF_8)
            ? json.read(body)
            : json.read(new String(body, charset));
    return read instanceof WebhookJson.NotJson
        ? new WebhookJson.Value(new String(body, charset))
        : read;
  }

  private static Optional<MediaType> contentType(HttpHeaders headers) {
    try {
      return Optional.ofNullable(headers.getContentType());
    } catch (InvalidMediaTypeException invalid) {
      return Optional.empty();
    }
  }

  private static boolean isJson(MediaType type) {
    return MediaType.APPLICATION_JSON.isCompatibleWith(type)
        || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json");
  }

  private static Charset charset(MediaType type) {
    try {
      return Optional.ofNullable(type.getCharset()).orElse(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException unsupported) {
      return StandardCharsets.UTF_8;
    }
  }
}
