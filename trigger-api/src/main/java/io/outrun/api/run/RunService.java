package io.outrun.api.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Starts manual and test runs: a draft runs its latest version as a test, an active workflow its
 * deployed version; {@code "test": true} asks for a test run of the latest version of any workflow
 * that is not archived. Once the request is on Kafka the run is recorded as queued ({@link
 * AcceptedRuns}: the request says so, and the runner's recorder does not insert it as well), so its
 * id can be looked up at once; the runner takes it from there. An input too large for a Kafka
 * record is stored aside ({@link RunRequestPublisher}, docs/adr/0005-claim-check.md); the queued
 * run holds all of it.
 */
@Service
class RunService {

  private static final String MANUAL = "manual";

  private final WorkflowService workflows;
  private final RunRequestPublisher publisher;
  private final AcceptedRuns accepted;
  private final Clock clock;
  private final MeterRegistry meters;

  RunService(
      WorkflowService workflows,
      RunRequestPublisher publisher,
      AcceptedRuns accepted,
      Clock clock,
      MeterRegistry meters) {
    this.workflows = workflows;
    this.publisher = publisher;
    this.accepted = accepted;
    this.clock = clock;
    this.meters = meters;
    // every outcome's series exists from the start, so a rate over it has a first sample
    List.of("accepted", "refused", "unavailable")
        .forEach(outcome -> meters.counter(ApiMetrics.RUNS_REQUESTED, ApiMetrics.OUTCOME, outcome));
  }

  /** Publishes the run request; completes with its run id once Kafka has acknowledged it. */
  Mono<String> start(
      CurrentUser user,
      String workflowId,
      Map<String, Object> input,
      String idempotencyKey,
      boolean test) {
    return submit(
        workflows
            .findHeader(user, workflowId)
            .map(workflow -> request(user, workflow, input, idempotencyKey, test)),
        null);
  }

  /**
   * Publishes the request {@code request} completes with and records its run queued, naming {@code
   * rerunOf} (the run it repeats) unless null; completes with the run id once both are done. A
   * failure of {@code request} (a 404, a 409) is counted as refused.
   */
  Mono<String> submit(Mono<RunRequested> request, String rerunOf) {
    return request
        .flatMap(
            run ->
                publisher
                    .publish(run, AcceptedRuns.HEADERS)
                    .flatMap(outcome -> outcome.orFail(ProblemException::payloadTooLarge))
                    .then(accepted.record(run, rerunOf))
                    .thenReturn(run.runId()))
        .doOnSuccess(runId -> count("accepted"))
        .doOnError(e -> count(e instanceof ProblemException ? "refused" : "unavailable"));
  }

  /** An idempotency key as given, or a unique one when none (or a blank one) was given. */
  static String keyOrUnique(String idempotencyKey) {
    return idempotencyKey == null || idempotencyKey.isBlank() ? uniqueKey() : idempotencyKey;
  }

  private RunRequested request(
      CurrentUser user,
      Workflow workflow,
      Map<String, Object> input,
      String idempotencyKey,
      boolean test) {
    RunTarget target = test ? RunTarget.testOf(workflow) : RunTarget.of(workflow);
    String key = keyOrUnique(idempotencyKey);
    return RunRequested.builder()
        .workflow(user.workspaceId(), workflow.id(), target.version())
        .test(target.test())
        .triggeredBy(TriggeredBy.manual(user.userId(), input))
        .occurredAt(clock.instant())
        .idFrom(MANUAL, workflow.id(), key)
        .build();
  }

  /** Unique, not secret (it only keeps two keyless requests apart), so no SecureRandom read. */
  private static String uniqueKey() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private void count(String outcome) {
    meters.counter(ApiMetrics.RUNS_REQUESTED, ApiMetrics.OUTCOME, outcome).increment();
  }

  /** Which version a manual run of the workflow runs, and whether as a test. */
  record RunTarget(int version, boolean test) {

    static RunTarget of(Workflow workflow) {
      return switch (workflow.state()) {
        case DRAFT -> new RunTarget(workflow.version(), true);
        case ACTIVE -> new RunTarget(deployedVersion(workflow), false);
        case PAUSED, ARCHIVED ->
            throw ProblemException.conflict(
                "A " + workflow.status() + " workflow cannot be run; resume or deploy it first.");
      };
    }

    /** A test run of the latest version, asked for explicitly: any status but archived. */
    static RunTarget testOf(Workflow workflow) {
      if (workflow.state() == WorkflowStatus.ARCHIVED) {
        throw ProblemException.conflict("An archived workflow cannot be run.");
      }
      return new RunTarget(workflow.version(), true);
    }

    private static int deployedVersion(Workflow workflow) {
      if (workflow.deployedVersion() == null) {
        throw ProblemException.conflict("The workflow has no deployed version.");
      }
      return workflow.deployedVersion();
    }
  }
}
