package io.outrun.api.run;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import java.net.URI;
import java.util.Map;
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
  private final RunStartLimit limit;

  RunController(RunService runs, RunHistory history, RunStartLimit limit) {
    this.runs = runs;
    this.history = history;
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
    return limit
        .check(user.workspaceId())
        .then(Mono.defer(() -> runs.start(user, id, input, idempotencyKey, test)))
        .doOnNext(runId -> response.getHeaders().setLocation(URI.create("/api/runs/" + runId)))
        .map(RunAccepted::new);
  }

  /** Until the runner has created the run, it is unknown: 404. */
  @GetMapping("/api/runs/{runId}")
  Mono<RunView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String runId) {
    return history
        .find(user.workspaceId(), runId)
        .map(RunView::of)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)));
  }
}
