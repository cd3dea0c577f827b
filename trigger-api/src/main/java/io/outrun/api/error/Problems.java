package io.outrun.api.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

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
