package io.outrun.listener.webhook;

import io.outrun.listener.reply.RunReply;
import io.outrun.listener.web.ProblemJson;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook's outcome as HTTP: the 202 in the trigger's format, every other answer as problem
 * details. Bodies are bytes written straight to the response, whatever the request's {@code Accept}
 * says: through content negotiation an {@code Accept: image/png} turned a 202 into a 406 after the
 * run had started, and a problem into an empty body.
 */
final class WebhookResponses {

  private static final String RETRY_AFTER_SECONDS = "5";

  /** On every answer with a run's result, so a sender can look the run up. */
  static final String RUN_ID_HEADER = "X-Outrun-Run-Id";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookResponses() {}

  static HttpStatusCode status(WebhookOutcome outcome) {
    return switch (outcome) {
      case WebhookOutcome.Replied r -> HttpStatusCode.valueOf(r.answer().status());
      case WebhookOutcome.RunFailed f -> HttpStatus.BAD_GATEWAY;
      case WebhookOutcome.Accepted a -> HttpStatus.ACCEPTED;
      case WebhookOutcome.Duplicate d -> HttpStatus.ACCEPTED;
      case WebhookOutcome.TimedOut t -> HttpStatus.ACCEPTED;
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

  /** Writes the answer: status, headers and body, as bytes. */
  static Mono<Void> write(ResponseEntity<byte[]> answer, ServerHttpResponse response) {
    response.setStatusCode(answer.getStatusCode());
    response.getHeaders().addAll(answer.getHeaders());
    byte[] body = answer.getBody();
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /**
   * Whether the answer names the request as its problem {@code instance}: every problem, and a
   * failed run's 502; not a 202, nor the result a run chose.
   */
  static boolean namesInstance(WebhookOutcome outcome) {
    return !(outcome instanceof WebhookOutcome.Replied) && !status(outcome).is2xxSuccessful();
  }

  static ResponseEntity<byte[]> of(WebhookOutcome outcome, URI instance) {
    return switch (outcome) {
      case WebhookOutcome.Accepted(String runId, ResponseFormat format) -> accepted(runId, format);
      case WebhookOutcome.Duplicate(String runId, ResponseFormat format) -> accepted(runId, format);
      case WebhookOutcome.TimedOut(String runId, ResponseFormat format) -> accepted(runId, format);
      case WebhookOutcome.Replied(RunReply.Answer answer) -> replied(answer);
      case WebhookOutcome.RunFailed(RunReply.Failed failure) -> runFailed(failure, instance);
      case WebhookOutcome.MethodNotAllowed(String allowed) ->
          problem(outcome, "This webhook accepts " + allowed + " requests only.", instance)
              .header(HttpHeaders.ALLOW, allowed)
              .build();
      case WebhookOutcome.RateLimited(long retryAfterSeconds) ->
          problem(outcome, "Too many requests to this webhook.", instance)
              .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
              .build();
      case WebhookOutcome.Unavailable(String reason) ->
          problem(outcome, reason + " Retry later.", instance)
              .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
              .build();
      default -> problem(outcome, detail(outcome), instance).build();
    };
  }

  private static String detail(WebhookOutcome outcome) {
    return switch (outcome) {
      case WebhookOutcome.NotFound n -> "There is no active webhook at this address.";
      case WebhookOutcome.Unauthorized u -> "Missing or invalid credentials.";
      case WebhookOutcome.ForbiddenOrigin f -> "Requests from this origin are not allowed.";
      case WebhookOutcome.TooLarge(long maxBytes) ->
          "The request body is larger than the limit of " + maxBytes + " bytes.";
      case WebhookOutcome.PayloadTooLarge(long bytes, long limit) ->
          "The run's payload (the body, headers and query as JSON) would be "
              + bytes
              + " bytes, over the limit of "
              + limit
              + " bytes.";
      case WebhookOutcome.InvalidBody(String detail) -> "The JSON body is refused: " + detail + ".";
      default -> outcome.metricName();
    };
  }

  private static ResponseEntity<byte[]> accepted(String runId, ResponseFormat format) {
    if (format == ResponseFormat.TEXT) {
      return ResponseEntity.accepted()
          .contentType(MediaType.TEXT_PLAIN)
          .body(("Workflow execution started: " + runId).getBytes(StandardCharsets.UTF_8));
    }
    // the run id is a UUID this service made: nothing in it needs escaping
    String body =
        "{\"success\":true,\"runId\":\"" + runId + "\",\"message\":\"Workflow execution started\"}";
    return ResponseEntity.accepted()
        .contentType(MediaType.APPLICATION_JSON)
        .body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<byte[]> replied(RunReply.Answer answer) {
    ResponseEntity.BodyBuilder builder =
        ResponseEntity.status(answer.status()).header(RUN_ID_HEADER, answer.runId());
    answer.headers().forEach(builder::header);
    return builder.body(answer.body());
  }

  /** 502: the run failed; names the run and the failing node, with the run's error (no stack). */
  private static ResponseEntity<byte[]> runFailed(RunReply.Failed failure, URI instance) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", HttpStatus.BAD_GATEWAY.getReasonPhrase());
    problem.put("status", HttpStatus.BAD_GATEWAY.value());
    problem.put(
        "detail",
        "Run "
            + failure.runId()
            + " "
            + failure.status()
            + (failure.nodeId() == null ? "" : " at node '" + failure.nodeId() + "'")
            + (failure.error() == null ? "." : ": " + failure.error()));
    if (instance != null) {
      problem.put("instance", instance.toString());
    }
    problem.put("runId", failure.runId());
    if (failure.nodeId() != null) {
      problem.put("nodeId", failure.nodeId());
    }
    problem.put("error", failure.error());
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(RUN_ID_HEADER, failure.runId())
        .body(JSON.writeValueAsBytes(problem));
  }

  private static ProblemResponse problem(WebhookOutcome outcome, String detail, URI instance) {
    HttpStatus status = HttpStatus.valueOf(status(outcome).value());
    return new ProblemResponse(
        ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON),
        ProblemJson.of(status, status.getReasonPhrase(), detail, instance));
  }

  /** A problem response still taking headers. */
  private record ProblemResponse(ResponseEntity.BodyBuilder builder, byte[] body) {
    ProblemResponse header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    ResponseEntity<byte[]> build() {
      return builder.body(body);
    }
  }
}
