package io.outrun.listener.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem as the bytes of its {@code application/problem+json} body. Answers are written as
 * bytes, not handed to content negotiation: a request whose {@code Accept} names another type (say
 * {@code image/png}) got the problem's status and type with an empty body, and a 202 became a 406
 * after its run had started.
 */
public final class ProblemJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemJson() {}

  public static byte[] of(HttpStatusCode status, String title, String detail, URI instance) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    if (instance != null) {
      problem.put("instance", instance.toString());
    }
    return JSON.writeValueAsBytes(problem);
  }
}
