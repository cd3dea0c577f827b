package io.outrun.listener.webhook;

import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.reply.RunReply;
import io.outrun.triggers.WebhookConfig.ResponseFormat;

/** What became of a webhook request. */
sealed interface WebhookOutcome {

  /** The {@code outcome} tag of the request counter. */
  String metricName();

  /** The run a 202 names ({@link Accepted}, {@link Duplicate}); null for any other answer. */
  default String runId() {
    return null;
  }

  /** The run request is on Kafka; {@code format} is how the trigger wants the 202 written. */
  record Accepted(String runId, ResponseFormat format) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_ACCEPTED;
    }
  }

  /**
   * A delivery id this listener accepted before for the same trigger: answered like the first (202,
   * its run id), nothing published again, not counted as a fire.
   */
  record Duplicate(String runId, ResponseFormat format) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_DUPLICATE;
    }
  }

  /**
   * A waiting webhook's run did not end within {@code responseTimeoutMs}: answered like {@link
   * Accepted} (202, the run id); the run goes on.
   */
  record TimedOut(String runId, ResponseFormat format) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_TIMED_OUT;
    }
  }

  /** The run ended within the trigger's {@code responseTimeoutMs}: its answer. */
  record Replied(RunReply.Answer answer) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_REPLIED;
    }

    @Override
    public String runId() {
      return answer.runId();
    }
  }

  /** The run failed (or was cancelled) within the timeout, and no respond step answered. */
  record RunFailed(RunReply.Failed failure) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_RUN_FAILED;
    }

    @Override
    public String runId() {
      return failure.runId();
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

  /** An {@code Origin} header outside the trigger's {@code allowedOrigins}. */
  record ForbiddenOrigin() implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_FORBIDDEN_ORIGIN;
    }
  }

  /** Over the trigger's {@code rateLimit}; a token is free again in {@code retryAfterSeconds}. */
  record RateLimited(long retryAfterSeconds) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_RATE_LIMITED;
    }
  }

  record TooLarge(long maxBytes) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_TOO_LARGE;
    }
  }

  /**
   * The run's payload (the body with the request's headers and query, as JSON) is {@code bytes}
   * long, more than the {@code limit} a run's payload may take even stored aside.
   */
  record PayloadTooLarge(long bytes, long limit) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_TOO_LARGE;
    }
  }

  /** The body says it is JSON and is, but over a limit or holding a value no reader takes. */
  record InvalidBody(String detail) implements WebhookOutcome {
    @Override
    public String metricName() {
      return ListenerMetrics.OUTCOME_INVALID_BODY;
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
