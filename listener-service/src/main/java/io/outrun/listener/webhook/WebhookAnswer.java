package io.outrun.listener.webhook;

import io.outrun.listener.web.ProblemInstances;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A webhook's answer as the route's response: the status, headers and bytes of {@link
 * WebhookResponses}, written as they are. Not built with {@link ServerResponse#status}: that
 * response answers a GET carrying a matching {@code If-None-Match} with 304 when a run's {@code
 * respond} step set an {@code ETag}, and writes its body through the message writers.
 */
record WebhookAnswer(ResponseEntity<byte[]> answer) implements ServerResponse {

  /** The problem {@code instance} (the request's path) is derived only for answers that name it. */
  static WebhookAnswer of(WebhookOutcome outcome, ServerHttpRequest request) {
    URI instance =
        WebhookResponses.namesInstance(outcome)
            ? ProblemInstances.of(request.getURI().getRawPath())
            : null;
    return new WebhookAnswer(WebhookResponses.of(outcome, instance));
  }

  @Override
  public HttpStatusCode statusCode() {
    return answer.getStatusCode();
  }

  @Override
  public HttpHeaders headers() {
    return answer.getHeaders();
  }

  @Override
  public MultiValueMap<String, ResponseCookie> cookies() {
    return new LinkedMultiValueMap<>();
  }

  @Override
  public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
    return WebhookResponses.write(answer, exchange.getResponse());
  }
}
