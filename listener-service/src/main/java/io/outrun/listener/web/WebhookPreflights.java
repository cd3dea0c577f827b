package io.outrun.listener.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Webhooks do not take part in CORS: they are called by servers, and {@code allowedOrigins} only
 * keeps browsers on other sites out. So a browser's preflight ({@code OPTIONS} with {@code
 * Access-Control-Request-Method}) is handed to the webhook as the plain {@code OPTIONS} request it
 * is, and gets the trigger's answer (404, or 405 unless its method is OPTIONS) instead of the empty
 * 200 Spring gives a preflight to a handler without CORS configuration.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WebhookPreflights implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if (request.getMethod() != HttpMethod.OPTIONS
        || !request.getPath().value().startsWith("/api/webhooks/")
        || !request.getHeaders().containsHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
      return chain.filter(exchange);
    }
    return chain.filter(
        exchange
            .mutate()
            .request(r -> r.headers(h -> h.remove(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)))
            .build());
  }
}
