package io.outrun.api.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem bodies as plain maps, so every problem, whether raised by a controller or
 * by the security filters, has the same JSON whatever the JSON mapper's configuration.
 */
public final class Problems {

  private Problems() {}

  /** A problem body: {@code type, title, status, detail, instance} and, if any, {@code errors}. */
  public static Map<String, Object> body(
      HttpStatusCode status, String detail, String instance, List<FieldProblem> errors) {
    return body(status, detail, instance, errors, Map.of());
  }

  /** A problem body with extra members (such as a dependency cycle's {@code chain}). */
  public static Map<String, Object> body(
      HttpStatusCode status,
      String detail,
      String instance,
      List<FieldProblem> errors,
      Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setInstance(URI.create(instance));
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    properties.forEach(problem::setProperty);
    return asMap(problem);
  }

  /**
   * Answers the exchange with a problem, for the places that run before any controller (security,
   * the body limit) and so cannot throw to the problem handler.
   */
  public static Mono<Void> write(
      ServerWebExchange exchange, JsonMapper json, HttpStatus status, String detail) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String path = exchange.getRequest().getPath().value();
    byte[] body = json.writeValueAsBytes(body(status, detail, path, List.of()));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  static Map<String, Object> asMap(ProblemDetail problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }
}
