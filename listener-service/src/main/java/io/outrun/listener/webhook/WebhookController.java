package io.outrun.listener.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.registry.KnownTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code ANY /api/webhooks/{triggerId}}: public; a 202 in JSON or plain text (the trigger's {@code
 * responseFormat}), anything else as problem details.
 */
@RestController
class WebhookController {

  private static final String RETRY_AFTER_SECONDS = "5";

  private final WebhookReceiver receiver;
  private final MeterRegistry meters;
  private final WebhookLogs logs;
  private final TriggerRegistry registry;
  private final Clock clock;
  private final boolean trustForwardedFor;

  WebhookController(
      WebhookReceiver receiver,
      MeterRegistry meters,
      WebhookLogs logs,
      TriggerRegistry registry,
      Clock clock,
      WebhookLogProperties logProperties) {
    this.receiver = receiver;
    this.meters = meters;
    this.logs = logs;
    this.registry = registry;
    this.clock = clock;
    this.trustForwardedFor = logProperties.trustForwardedFor();
    List.of(
            ListenerMetrics.OUTCOME_ACCEPTED,
            ListenerMetrics.OUTCOME_DUPLICATE,
            ListenerMetrics.OUTCOME_NOT_FOUND,
            ListenerMetrics.OUTCOME_UNAUTHORIZED,
            ListenerMetrics.OUTCOME_METHOD_NOT_ALLOWED,
            ListenerMetrics.OUTCOME_TOO_LARGE,
            ListenerMetrics.OUTCOME_FORBIDDEN_ORIGIN,
            ListenerMetrics.OUTCOME_RATE_LIMITED,
            ListenerMetrics.OUTCOME_UNAVAILABLE,
            ListenerMetrics.OUTCOME_INVALID_BODY)
        .forEach(this::counter);
  }

  @RequestMapping("/api/webhooks/{triggerId}")
  Mono<ResponseEntity<Object>> receive(@PathVariable String triggerId, ServerHttpRequest request) {
    Instant receivedAt = clock.instant();
    WebhookCall call =
        new WebhookCall(
            triggerId,
            request.getMethod().name(),
            request.getPath().value(),
            request.getHeaders(),
            request.getQueryParams());
    return receiver
        .receive(call, body(request))
        .doOnNext(outcome -> counter(outcome.metricName()).increment())
        .doOnNext(outcome -> log(call, request, receivedAt, outcome))
        .map(outcome -> respond(outcome, URI.create(request.getURI().getRawPath())));
  }

  /**
   * Queues the request's log entry: only when, method, path (no query string), client address, user
   * agent, status, reason, time taken and run; never a header, body or credential. Requests to
   * triggers that exist but cannot fire are logged too (their reason says why: the answer does
   * not); ids the registry never saw are only counted, so no caller-chosen id is stored.
   */
  private void log(
      WebhookCall call, ServerHttpRequest request, Instant receivedAt, WebhookOutcome outcome) {
    Optional<KnownTrigger> known = registry.known(call.triggerId());
    if (known.isEmpty()) {
      logs.unknownTrigger();
      return;
    }
    long took = Math.max(0, clock.millis() - receivedAt.toEpochMilli());
    logs.record(
        new WebhookLogEntry(
            call.triggerId(),
            known.get().workspaceId(),
            receivedAt,
            call.method(),
            call.path(),
            clientIp(request),
            request.getHeaders().getFirst(HttpHeaders.USER_AGENT),
            status(outcome).value(),
            WebhookLogEntry.reason(outcome, known.get().standing()),
            took,
            outcome.runId()));
  }

  private String clientIp(ServerHttpRequest request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",", 2)[0].trim();
      }
    }
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }

  private static HttpStatus status(WebhookOutcome outcome) {
    return switch (outcome) {
      case WebhookOutcome.Accepted a -> HttpStatus.ACCEPTED;
      case WebhookOutcome.Duplicate d -> HttpStatus.ACCEPTED;
      case WebhookOutcome.NotFound n -> HttpStatus.NOT_FOUND;
      case WebhookOutcome.Unauthorized u -> HttpStatus.UNAUTHORIZED;
      case WebhookOutcome.MethodNotAllowed m -> HttpStatus.METHOD_NOT_ALLOWED;
      case WebhookOutcome.ForbiddenOrigin f -> HttpStatus.FORBIDDEN;
      case WebhookOutcome.RateLimited r -> HttpStatus.TOO_MANY_REQUESTS;
      case WebhookOutcome.TooLarge t -> HttpStatus.CONTENT_TOO_LARGE;
      case WebhookOutcome.PayloadTooLarge t -> HttpStatus.CONTENT_TOO_LARGE;
      case WebhookOutcome.InvalidBody i -> HttpStatus.BAD_REQUEST;
      case WebhookOutcome.Unavailable u -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  private Mono<byte[]> body(ServerHttpRequest request) {
    long max = receiver.maxBodyBytes();
    if (request.getHeaders().getContentLength() > max) {
      return Mono.error(new DataBufferLimitException("Content-Length over " + max));
    }
    return DataBufferUtils.join(request.getBody(), (int) max)
        .map(WebhookController::bytes)
        .defaultIfEmpty(new byte[0]);
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static ResponseEntity<Object> respond(WebhookOutcome outcome, URI instance) {
    return switch (outcome) {
      case WebhookOutcome.Accepted(String runId, WebhookResponseFormat format) ->
          accepted(runId, format);
      case WebhookOutcome.Duplicate(String runId, WebhookResponseFormat format) ->
          accepted(runId, format);
      case WebhookOutcome.NotFound() ->
          problem(HttpStatus.NOT_FOUND, "There is no active webhook at this address.", instance)
              .build();
      case WebhookOutcome.Unauthorized() ->
          problem(HttpStatus.UNAUTHORIZED, "Missing or invalid credentials.", instance).build();
      case WebhookOutcome.MethodNotAllowed(String allowed) ->
          problem(
                  HttpStatus.METHOD_NOT_ALLOWED,
                  "This webhook accepts " + allowed + " requests only.",
                  instance)
              .header(HttpHeaders.ALLOW, allowed)
              .build();
      case WebhookOutcome.ForbiddenOrigin() ->
          problem(HttpStatus.FORBIDDEN, "Requests from this origin are not allowed.", instance)
              .build();
      case WebhookOutcome.RateLimited(long retryAfterSeconds) ->
          problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests to this webhook.", instance)
              .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
              .build();
      case WebhookOutcome.TooLarge(long maxBytes) ->
          problem(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "The request body is larger than the limit of " + maxBytes + " bytes.",
                  instance)
              .build();
      case WebhookOutcome.PayloadTooLarge(long bytes, long limit) ->
          problem(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "The run's payload (the body, headers and query as JSON) would be "
                      + bytes
                      + " bytes, over the limit of "
                      + limit
                      + " bytes.",
                  instance)
              .build();
      case WebhookOutcome.InvalidBody(String detail) ->
          problem(HttpStatus.BAD_REQUEST, "The JSON body is refused: " + detail + ".", instance)
              .build();
      case WebhookOutcome.Unavailable(String reason) ->
          problem(HttpStatus.SERVICE_UNAVAILABLE, reason + " Retry later.", instance)
              .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
              .build();
    };
  }

  private static ResponseEntity<Object> accepted(String runId, WebhookResponseFormat format) {
    if (format == WebhookResponseFormat.TEXT) {
      return ResponseEntity.accepted()
          .contentType(MediaType.TEXT_PLAIN)
          .body("Workflow execution started: " + runId);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("runId", runId);
    body.put("message", "Workflow execution started");
    return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static ProblemResponse problem(HttpStatus status, String detail, URI instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    problem.setInstance(instance);
    return new ProblemResponse(
        ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON), problem);
  }

  /** A problem response still taking headers. */
  private record ProblemResponse(ResponseEntity.BodyBuilder builder, ProblemDetail problem) {
    ProblemResponse header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    ResponseEntity<Object> build() {
      return builder.body(problem);
    }
  }

  private Counter counter(String outcome) {
    return meters.counter(ListenerMetrics.WEBHOOK_REQUESTS, ListenerMetrics.OUTCOME, outcome);
  }
}
