package io.outrun.listener.webhook;

import static java.util.Objects.requireNonNull;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/** One HTTP request to {@code /api/webhooks/{triggerId}}, without its body. */
record WebhookCall(
    String triggerId,
    String method,
    String path,
    HttpHeaders headers,
    MultiValueMap<String, String> query) {

  WebhookCall {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(headers, "headers");
    requireNonNull(query, "query");
  }

  /** What the run shows as its source: {@code POST /api/webhooks/<id>}. */
  String source() {
    return method + " /api/webhooks/" + triggerId;
  }
}
