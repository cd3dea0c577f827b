package io.outrun.triggers;

/**
 * One reason a config is refused.
 *
 * @param field the path in the request: {@code config.<key>}, {@code config.allowedOrigins[1]}, or
 *     {@code type}
 */
public record ConfigProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
