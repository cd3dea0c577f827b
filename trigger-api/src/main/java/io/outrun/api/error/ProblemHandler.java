package io.outrun.api.error;

import io.outrun.bus.PublishFailedException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The one place where failures become RFC 9457 problem details. Spring's base class covers the
 * framework's own exceptions (malformed JSON, wrong types, unknown paths, wrong methods); this adds
 * the field errors of bean validation, the API's own {@link ProblemException}s, Kafka being
 * unavailable (503 with {@code Retry-After}) and a 500 that reveals nothing for anything else.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(ProblemException.class)
  Mono<ResponseEntity<Object>> handleProblem(ProblemException e, ServerWebExchange exchange) {
    if (!e.properties().isEmpty()) {
      String path = exchange.getRequest().getPath().value();
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      Object retryAfter = e.properties().get(ProblemException.RETRY_AFTER_SECONDS);
      if (retryAfter != null) {
        headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
      }
      Object body = Problems.body(e.status(), e.getMessage(), path, e.errors(), e.properties());
      return Mono.just(new ResponseEntity<>(body, headers, e.status()));
    }
    return respond(e.status(), e.getMessage(), e.errors(), new HttpHeaders(), exchange);
  }

  @ExceptionHandler(PublishFailedException.class)
  Mono<ResponseEntity<Object>> handlePublishFailed(
      PublishFailedException e, ServerWebExchange exchange) {
    log.warn("Kafka did not take a run request: {}", e.getMessage());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    String detail = "The event bus is not accepting requests right now; retry later.";
    return respond(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of(), headers, exchange);
  }

  @ExceptionHandler(Exception.class)
  Mono<ResponseEntity<Object>> handleUnexpected(Exception e, ServerWebExchange exchange) {
    log.error("Unexpected failure on {}", exchange.getRequest().getPath(), e);
    String detail = "An unexpected error occurred.";
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR, detail, List.of(), new HttpHeaders(), exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
      WebExchangeBindException e,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldProblem> errors =
        e.getFieldErrors().stream()
            .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
            .toList();
    return respond(status, "The request has invalid fields.", errors, headers, exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException e,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    if (causedBy(e, DataBufferLimitException.class)) {
      return respond(
          HttpStatus.CONTENT_TOO_LARGE,
          "The request body is larger than the limit.",
          List.of(),
          headers,
          exchange);
    }
    return respond(
        status, BodyProblems.describe(e), BodyProblems.fieldErrors(e), headers, exchange);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Mono<ResponseEntity<Object>> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    if (body instanceof ProblemDetail problem && problem.getDetail() == null) {
      // some framework exceptions have no reason (an unsupported form-encoded body)
      problem.setDetail(problem.getTitle() + ".");
    }
    Object rendered = body instanceof ProblemDetail problem ? Problems.asMap(problem) : body;
    HttpHeaders all = new HttpHeaders();
    all.addAll(headers);
    all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return Mono.just(new ResponseEntity<>(rendered, all, status));
  }

  private static Mono<ResponseEntity<Object>> respond(
      HttpStatusCode status,
      String detail,
      List<FieldProblem> errors,
      HttpHeaders headers,
      ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().value();
    HttpHeaders all = new HttpHeaders();
    all.addAll(headers);
    all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return Mono.just(
        new ResponseEntity<>(Problems.body(status, detail, path, errors), all, status));
  }
}
