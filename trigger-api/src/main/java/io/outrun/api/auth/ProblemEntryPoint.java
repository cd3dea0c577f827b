package io.outrun.api.auth;

import io.outrun.api.error.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Answers a request without valid credentials with a 401 problem. */
final class ProblemEntryPoint implements ServerAuthenticationEntryPoint {

  private final JsonMapper json;

  ProblemEntryPoint(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return Problems.write(
        exchange,
        json,
        HttpStatus.UNAUTHORIZED,
        "A valid bearer token with sub and workspaceId claims is required.");
  }
}
