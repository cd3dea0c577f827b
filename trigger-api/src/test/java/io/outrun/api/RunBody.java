package io.outrun.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run request body for tests ({@code POST /api/workflows/{id}/runs}): {@code
 * RunBody.input(Map.of("lead", "ada")).test()}; {@link #none()} sends no body at all.
 */
public final class RunBody {

  private final Map<String, Object> body;

  private RunBody(Map<String, Object> body) {
    this.body = body;
  }

  /** No body: the run's input is empty. */
  public static RunBody none() {
    return new RunBody(null);
  }

  /** An empty JSON object. */
  public static RunBody empty() {
    return new RunBody(new LinkedHashMap<>());
  }

  public static RunBody input(Map<String, Object> input) {
    return empty().with("input", input);
  }

  /** A test run of the latest version whatever the workflow's status. */
  public RunBody test() {
    return (body == null ? empty() : this).with("test", true);
  }

  private RunBody with(String key, Object value) {
    body.put(key, value);
    return this;
  }

  /** The JSON body, or null for none. */
  public Map<String, Object> build() {
    return body == null ? null : Map.copyOf(body);
  }
}
