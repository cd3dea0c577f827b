package io.outrun.api.error;

import io.outrun.service.claimcheck.RunRequestOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses: not found (or not in the caller's workspace), invalid, or in conflict
 * with the object's state. {@link ProblemHandler} turns it into RFC 9457 problem details.
 */
public final class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final List<FieldProblem> errors;
  private final Map<String, Object> properties;

  private ProblemException(HttpStatus status, String detail, List<FieldProblem> errors) {
    this(status, detail, errors, Map.of());
  }

  private ProblemException(
      HttpStatus status, String detail, List<FieldProblem> errors, Map<String, Object> properties) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.properties = Map.copyOf(properties);
  }

  /** 404: unknown, or in another workspace (the two are never told apart). */
  public static ProblemException notFound(String what) {
    return new ProblemException(HttpStatus.NOT_FOUND, what + " not found", List.of());
  }

  /** 409: the object's state does not allow this. */
  public static ProblemException conflict(String detail) {
    return new ProblemException(HttpStatus.CONFLICT, detail, List.of());
  }

  /** 400: the input is invalid. */
  public static ProblemException invalid(String detail) {
    return invalid(detail, List.of());
  }

  /** 400 with the fields at fault. */
  public static ProblemException invalid(String detail, List<FieldProblem> errors) {
    return new ProblemException(HttpStatus.BAD_REQUEST, detail, errors);
  }

  /** 413: a run's payload (its input) too large to run, even stored aside. */
  public static ProblemException payloadTooLarge(RunRequestOutcome.PayloadTooLarge tooLarge) {
    return new ProblemException(
        HttpStatus.CONTENT_TOO_LARGE,
        "The run's input is "
            + tooLarge.bytes()
            + " bytes as JSON, over the limit of "
            + tooLarge.limit()
            + " bytes.",
        List.of());
  }

  /** 429: the caller holds as many of something as it may (streams, requests) at once. */
  public static ProblemException tooMany(String detail) {
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, detail, List.of());
  }

  /** 503: a service-side prerequisite (configuration, a dependency) is missing. */
  public static ProblemException unavailable(String detail) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
  }

  /**
   * 429: a quota refused the request; {@code Retry-After} (and the body's {@code
   * retryAfterSeconds}) say when to try again.
   */
  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        detail,
        List.of(),
        Map.of(RETRY_AFTER_SECONDS, retryAfterSeconds));
  }

  /** The body member (and header) of a 429's wait in seconds. */
  public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  /** The same problem with one more member in its body, e.g. {@code "chain": [...]}. */
  public ProblemException with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(properties);
    more.put(name, value);
    return new ProblemException(status, getMessage(), errors, more);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  /** Extra members of the problem body beyond the standard ones and {@code errors}. */
  public Map<String, Object> properties() {
    return properties;
  }
}
