package io.outrun.listener.webhook;

import java.util.Map;

/** {@code config.responseFormat}: how a 202 is written. Errors are problem details either way. */
enum WebhookResponseFormat {
  /** {@code {"success": true, "runId": "...", "message": "Workflow execution started"}}. */
  JSON,
  /** {@code Workflow execution started: <runId>} as {@code text/plain}. */
  TEXT;

  /** {@code text} (any case) is TEXT; anything else, or nothing, is JSON. */
  static WebhookResponseFormat of(Map<String, Object> config) {
    return config.get("responseFormat") instanceof String format
            && format.strip().equalsIgnoreCase("text")
        ? TEXT
        : JSON;
  }
}
