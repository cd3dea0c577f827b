package io.outrun.api.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last resort, in place of Spring Boot's default error page: a failure that did not pass {@link
 * ProblemHandler} (one raised while a streamed response is written, such as an unparseable {@code
 * Accept} header, or in a filter) is still answered with a problem, never Spring Boot's {@code
 * {"timestamp", "error", ...}} JSON. Written directly, so it needs no content negotiation, which
 * may be what failed.
 */
@Component
@Order(-2)
class FallbackProblems implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(FallbackProblems.class);

  private final JsonMapper json;

  FallbackProblems(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    if (failure instanceof ResponseStatusException refused) {
      HttpStatus status = HttpStatus.resolve(refused.getStatusCode().value());
      if (status != null) {
        String reason = refused.getReason();
        String detail = reason == null ? status.getReasonPhrase() + "." : reason;
        exchange.getResponse().getHeaders().putAll(refused.getHeaders());
        return Problems.write(exchange, json, status, detail);
      }
    }
    log.error("Unexpected failure on {}", exchange.getRequest().getPath(), failure);
    return Problems.write(
        exchange, json, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
  }
}
