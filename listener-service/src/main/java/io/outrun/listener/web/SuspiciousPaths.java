package io.outrun.listener.web;

import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses with 400 a request whose path holds an encoded slash or backslash, or a dot segment
 * ({@code .}, {@code ..}, also percent-encoded): no listener path has one, and routing them reached
 * code that did not expect them ({@code /actuator/health/..%2f..} answered 500).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SuspiciousPaths implements WebFilter {

  private static final byte[] PROBLEM =
      ProblemJson.of(
          HttpStatus.BAD_REQUEST,
          "Bad Request",
          "The request path holds an encoded slash or a dot segment.",
          null);

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!suspicious(exchange.getRequest().getURI().getRawPath())) {
      return chain.filter(exchange);
    }
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.BAD_REQUEST);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(PROBLEM)));
  }

  static boolean suspicious(String rawPath) {
    if (rawPath == null || !mayBeSuspicious(rawPath)) {
      return false;
    }
    String path = rawPath.toLowerCase(Locale.ROOT);
    if (path.contains("%2f") || path.contains("%5c") || path.contains("\\")) {
      return true;
    }
    for (String segment : path.replace("%2e", ".").split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Every suspicious path holds a {@code %}, a backslash or a dot; most paths hold none. */
  private static boolean mayBeSuspicious(String rawPath) {
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%' || c == '\\' || c == '.') {
        return true;
      }
    }
    return false;
  }
}
