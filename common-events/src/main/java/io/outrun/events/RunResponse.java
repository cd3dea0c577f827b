package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a {@code respond} step set as the answer to the webhook request that started its run.
 *
 * @param nodeId the {@code respond} node
 * @param status the HTTP status, 100 to 599
 * @param headers response headers as the node rendered them; the listener drops those a webhook may
 *     not set
 * @param body any JSON value, or null for no body
 */
public record RunResponse(String nodeId, int status, Map<String, String> headers, Object body) {

  public RunResponse {
    requireNonNull(nodeId, "nodeId");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
