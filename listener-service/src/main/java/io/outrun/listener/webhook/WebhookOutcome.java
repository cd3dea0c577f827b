package io.outrun.listener.webhook;

import io.outrun.listener.ListenerMetrics;

/** What became of a webhook request. */
sealed interface WebhookOutcome {

  /** The {@code outcome} tag of the request counter. */
  String metricName();

  record Accepted(String runId) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_ACCEPTED;
    }
  }

  /** Unknown, disabled, not a webhook, unknown auth type or scheme, or inactive workflow. */
  record NotFound() implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_NOT_FOUND;
    }
  }

  /** Missing or invalid credentials; the answer never says which check failed. */
  record Unauthorized() implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_UNAUTHORIZED;
    }
  }

  record MethodNotAllowed(String allowed) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_METHOD_NOT_ALLOWED;
    }
  }

  record TooLarge(long maxBytes) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_TOO_LARGE;
    }
  }

  /** Nothing was started, and retrying later may work. */
  record Unavailable(String reason) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_UNAVAILABLE;
    }
  }
}
