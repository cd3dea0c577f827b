package io.outrun.listener.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error WebFlux raises outside the webhook's own answers (no such path 404, method not
 * supported 405, unsupported media type 415, ...) as problem details, before Spring Boot's JSON
 * error page. The body is written as bytes, never negotiated against {@code Accept} (which left it
 * empty for {@code Accept: image/png}), with an {@code instance} that cannot fail to parse ({@link
 * ProblemInstances}; Spring's own turned a 404 for {@code //} into a 500). Anything that is not an
 * {@link ErrorResponse} is a fault of the listener: 500, logged.
 */
@Component
@Order(-2)
class ProblemResponses implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(failure);
    }
    HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
    String detail = "The listener failed to answer this request.";
    if (failure instanceof ErrorResponse error) {
      status = error.getStatusCode();
      detail =
          error.getBody().getDetail() == null
              ? error.getBody().getTitle()
              : error.getBody().getDetail();
      response.getHeaders().addAll(error.getHeaders());
    } else {
      log.error(
          "{} {} failed",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath(),
          failure);
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    byte[] body =
        ProblemJson.of(
            status,
            known == null ? "Error" : known.getReasonPhrase(),
            detail,
            ProblemInstances.of(exchange.getRequest().getPath().value()));
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }
}
