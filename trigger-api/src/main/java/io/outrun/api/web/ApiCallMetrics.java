package io.outrun.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts {@code /api/**} calls by outcome: success, client_error, server_error. Runs before
 * security and the body limit, so refused calls (401, 413) count too.
 */
@Component
class ApiCallMetrics implements WebFilter, Ordered {

  private final MeterRegistry meters;

  ApiCallMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    return chain
        .filter(exchange)
        .doFinally(signal -> count(exchange.getResponse().getStatusCode()));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private void count(HttpStatusCode status) {
    // no status set means the default, 200
    String outcome =
        status == null
            ? "success"
            : status.is5xxServerError()
                ? "server_error"
                : status.is4xxClientError() ? "client_error" : "success";
    meters.counter(ApiMetrics.API_CALLS, ApiMetrics.OUTCOME, outcome).increment();
  }
}
