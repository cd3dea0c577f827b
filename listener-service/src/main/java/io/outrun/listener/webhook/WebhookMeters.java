package io.outrun.listener.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.reply.RunReply;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The webhook meters (names in {@link ListenerMetrics}): every answer counted by outcome and HTTP
 * status, and timed. Each outcome's counter exists from the start, at zero, so a dashboard's or
 * alert's ratio of 5xx has a series before the first one.
 */
@Component
class WebhookMeters {

  private static final List<WebhookOutcome> EVERY_OUTCOME =
      List.of(
          new WebhookOutcome.Accepted("", ResponseFormat.JSON),
          new WebhookOutcome.Duplicate("", ResponseFormat.JSON),
          new WebhookOutcome.NotFound(),
          new WebhookOutcome.Unauthorized(),
          new WebhookOutcome.MethodNotAllowed(""),
          new WebhookOutcome.ForbiddenOrigin(),
          new WebhookOutcome.RateLimited(0),
          new WebhookOutcome.TooLarge(0),
          new WebhookOutcome.PayloadTooLarge(0, 0),
          new WebhookOutcome.InvalidBody(""),
          new WebhookOutcome.Unavailable(""),
          new WebhookOutcome.Replied(new RunReply.Answer("", 200, Map.of(), new byte[0])),
          new WebhookOutcome.RunFailed(new RunReply.Failed("", "failed", null, null)),
          new WebhookOutcome.TimedOut("", ResponseFormat.JSON));

  private final MeterRegistry meters;
  // one lookup per request in a map of a dozen, not a registry lookup per meter
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  WebhookMeters(MeterRegistry meters) {
    this.meters = meters;
    EVERY_OUTCOME.forEach(outcome -> counters.put(key(outcome), counter(outcome)));
  }

  /** A request was answered with {@code outcome}, {@code took} after it arrived. */
  void answered(WebhookOutcome outcome, Duration took) {
    counters.computeIfAbsent(key(outcome), name -> counter(outcome)).increment();
    timers
        .computeIfAbsent(outcome.metricName(), this::latency)
        .record(took.isNegative() ? Duration.ZERO : took);
  }

  /** A replied outcome's status is the run's choice: one counter per outcome and status. */
  private static String key(WebhookOutcome outcome) {
    return outcome.metricName() + ":" + WebhookResponses.status(outcome).value();
  }

  private Timer latency(String outcome) {
    return Timer.builder(ListenerMetrics.WEBHOOK_LATENCY)
        .tag(ListenerMetrics.OUTCOME, outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(meters);
  }

  private Counter counter(WebhookOutcome outcome) {
    return meters.counter(
        ListenerMetrics.WEBHOOK_REQUESTS,
        ListenerMetrics.OUTCOME,
        outcome.metricName(),
        ListenerMetrics.STATUS,
        Integer.toString(WebhookResponses.status(outcome).value()));
  }
}
