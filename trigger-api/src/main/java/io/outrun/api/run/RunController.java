package io.outrun.api.run;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Starting runs by hand and reading them. */
@RestController
class RunController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final RunService runs;
  private final RunHistory history;
  private final RunRepeats repeats;
  private final RunStartLimit limit;

  RunController(RunService runs, RunHistory history, RunRepeats repeats, RunStartLimit limit) {
    this.runs = runs;
    this.history = history;
    this.repeats = repeats;
    this.limit = limit;
  }

  /**
   * @param test true: a test run of the latest (edited) version whatever the status, so an edit of
   *     an active workflow can pass the deploy gate while its deployed version keeps running
   */
  record StartRunRequest(Map<String, Object> input, Boolean test) {}

  record RunAccepted(String runId) {}

  /**
   * 202 once the request is on Kafka; the body is optional. 429 with {@code Retry-After} beyond the
   * workspace's runs per minute.
   */
  @PostMapping("/api/workflows/{id}/runs")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<RunAccepted> start(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody(required = false) StartRunRequest request,
      ServerHttpResponse response) {
    Map<String, Object> input =
        request == null || request.input() == null ? Map.of() : request.input();
    boolean test = request != null && Boolean.TRUE.equals(request.test());
    return accepted(user, () -> runs.start(user, id, input, idempotencyKey, test), response);
  }

  /** 202 once the new run's request is on Kafka and it is recorded queued. */
  @PostMapping("/api/runs/{runId}/rerun")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Run an ended run again",
      description =
          "A new manual run by the caller of the same workflow version (a test run if the original"
              + " was one) with the original's trigger payload as input; its triggeredBy.rerunOf"
              + " names the original. 404 for an unknown run or another workspace's; 409 while"
              + " the run has not ended, when its workflow is archived, or paused (non-test runs)."
              + " The same Idempotency-Key names the same new run.")
  Mono<RunAccepted> rerun(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String runId,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerHttpResponse response) {
    return accepted(
        user, () -> repeats.repeat(user, runId, idempotencyKey, Repeat.RERUN), response);
  }

  /** 202 once the new run's request is on Kafka and it is recorded queued. */
  @PostMapping("/api/runs/{runId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Retry a failed or cancelled run",
      description =
          "A new manual run by the caller of the same workflow version (a test run if the original"
              + " was one) with the original's trigger payload as input, which reuses the outputs"
              + " of the original's completed steps (shown as completed, reused: true, reusedFrom,"
              + " and not charged again) and runs the rest; its triggeredBy.retryOf names the"
              + " original, which is left as it is. 404 for an unknown run or another workspace's;"
              + " 409 unless the run failed or was cancelled, when its workflow is archived, or"
              + " paused (non-test runs). The same Idempotency-Key names the same new run.")
  Mono<RunAccepted> retry(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String runId,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      ServerHttpResponse response) {
    return accepted(
        user, () -> repeats.repeat(user, runId, idempotencyKey, Repeat.RETRY), response);
  }

  /**
   * A run accepted but not yet recorded (trigger-api records it queued before its 202) is a 404.
   */
  @GetMapping("/api/runs/{runId}")
  Mono<RunView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String runId) {
    return history
        .find(user.workspaceId(), runId)
        .map(RunView::of)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)));
  }

  /**
   * {@code start}'s run id as a 202 with the run's {@code Location}, once the workspace's runs per
   * minute allow it (else the 429 {@link RunStartLimit} fails with).
   */
  private Mono<RunAccepted> accepted(
      CurrentUser user, Supplier<Mono<String>> start, ServerHttpResponse response) {
    return limit
        .check(user.workspaceId())
        .then(Mono.defer(start))
        .doOnNext(runId -> response.getHeaders().setLocation(URI.create("/api/runs/" + runId)))
        .map(RunAccepted::new);
  }
}
