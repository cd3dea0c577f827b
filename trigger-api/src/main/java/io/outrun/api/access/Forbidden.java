package io.outrun.api.access;

import io.outrun.api.auth.Role;
import io.outrun.api.error.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The 403 problem of a call the caller's role does not allow; its detail names the role needed. */
final class Forbidden {

  static final String TYPE = "https://outrun.dev/problems/forbidden";

  private final JsonMapper json;

  Forbidden(JsonMapper json) {
    this.json = json;
  }

  Mono<Void> write(ServerWebExchange exchange, Role has, Role needs) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String detail =
        "Your role in this workspace is "
            + has.claimValue()
            + "; this call needs role "
            + needs.claimValue();
    Map<String, Object> body =
        Problems.body(
            HttpStatus.FORBIDDEN, detail, exchange.getRequest().getPath().value(), List.of());
    body.put("type", TYPE);
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(body))));
  }
}
