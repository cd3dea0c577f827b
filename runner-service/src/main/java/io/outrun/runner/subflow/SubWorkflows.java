package io.outrun.runner.subflow;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.runner.store.ChildRuns;
import io.outrun.runner.store.ChildRuns.ChildRun;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs another workflow of the parent's workspace as a child run, for a {@code sub_workflow} node
 * (and any node that calls workflows). In order: the chain stays within {@code max-chain-depth};
 * the workflow is an active one of the workspace (its deployed version runs); the child's request,
 * whose event id is derived from the parent run, node and attempt, is published unless the child
 * run exists already; then, when asked to wait, the child's end is awaited without a thread: its
 * {@code run-completed} ({@link ChildCompletions}, registered, and the tail reading, before the
 * request is published) or its run document (read at once and every {@code poll-interval}),
 * whichever comes first, within the wait (the run document answers either way). Executing the same
 * attempt again (a runner restart) names the same child: it is found ended or waited for again,
 * never started twice.
 */
@Component
@EnableConfigurationProperties(SubWorkflowProperties.class)
public class SubWorkflows implements ChildWorkflows {

  private final SubWorkflowProperties properties;
  private final ChildRuns runs;
  private final RunRequestPublisher publisher;
  private final ChildCompletions completions;
  private final Clock clock;

  SubWorkflows(
      SubWorkflowProperties properties,
      ChildRuns runs,
      RunRequestPublisher publisher,
      ChildCompletions completions,
      Clock clock) {
    this.properties = properties;
    this.runs = runs;
    this.publisher = publisher;
    this.completions = completions;
    this.clock = clock;
  }

  /**
   * Starts {@code workflowId} as a child of {@code parent} with {@code input} as its {@code
   * $trigger}; with {@code wait}, waits for its end for at most {@code timeout} (null: 5 min, the
   * default node timeout; never longer than {@code max-wait}).
   */
  @Override
  public Mono<ChildOutcome> run(
      Parent parent, String workflowId, Map<String, Object> input, boolean wait, Duration timeout) {
    int depth = parent.chainDepth() + 1;
    if (depth > properties.maxChainDepth()) {
      return Mono.just(
          new ChildOutcome.Refused(
              "the chain of runs would be "
                  + depth
                  + " deep, more than outrun.runner.sub-workflows.max-chain-depth ("
                  + properties.maxChainDepth()
                  + ")"));
    }
    return runs.deployedVersion(parent.workspaceId(), workflowId)
        .map(version -> request(parent, workflowId, version, input, depth))
        .flatMap(
            request -> wait ? startAndWait(request, properties.waitFor(timeout)) : start(request))
        .defaultIfEmpty(
            new ChildOutcome.Refused(
                "workflow '" + workflowId + "' is not an active workflow of this workspace"));
  }

  private RunRequested request(
      Parent parent, String workflowId, int version, Map<String, Object> input, int depth) {
    String source = "run " + parent.runId() + " node " + parent.nodeId();
    return RunRequested.builder()
        .workflow(parent.workspaceId(), workflowId, version)
        .triggeredBy(new TriggeredBy(TriggerType.SUB_WORKFLOW, null, source, input))
        .test(parent.test())
        .chainDepth(depth)
        .occurredAt(clock.instant())
        .idFrom("sub_workflow", parent.runId(), parent.nodeId(), Integer.toString(parent.attempt()))
        .build();
  }

  private Mono<ChildOutcome> start(RunRequested request) {
    return publishUnlessStored(request, runs.find(request.workspaceId(), request.runId()));
  }

  private Mono<ChildOutcome> startAndWait(RunRequested request, Duration wait) {
    String runId = request.runId();
    return runs.find(request.workspaceId(), runId)
        .flatMap(
            found ->
                switch (found) {
                  case ChildRun.Ended ended -> Mono.just(ended(runId, ended));
                  case ChildRun.Pending pending ->
                      first(tail(request), completions.ready().then(polled(request)));
                  case ChildRun.Absent absent ->
                      // the tail's waiter is registered and the tail reading before the child is
                      // requested, so the completion cannot slip past
                      first(
                          tail(request),
                          completions
                              .ready()
                              .then(publishUnlessStored(request, Mono.just(absent)))
                              .flatMap(
                                  outcome ->
                                      outcome instanceof ChildOutcome.Started
                                          ? polled(request)
                                          : Mono.just(outcome)));
                })
        .timeout(wait, Mono.fromSupplier(() -> new ChildOutcome.TimedOut(runId, wait)));
  }

  /**
   * The first answer of the two, subscribed in order; an error of either (Kafka or MongoDB
   * unreachable) is the answer too, rather than waiting for the other until the wait ends.
   */
  private static Mono<ChildOutcome> first(Mono<ChildOutcome> one, Mono<ChildOutcome> other) {
    return Flux.merge(one, other).next();
  }

  /**
   * The child's end once its {@code run-completed} is read, as its run document tells it: the
   * completion only wakes the wait (it may come from another runner group sharing the topic, with a
   * run of that id in another database); the document this runner stores is the answer.
   */
  private Mono<ChildOutcome> tail(RunRequested request) {
    return completions
        .completion(request.runId(), request.workflowId())
        .flatMap(completed -> storedEnd(request));
  }

  /** The child's end as its run document tells it, read now and every {@code poll-interval}. */
  private Mono<ChildOutcome> polled(RunRequested request) {
    return Flux.interval(Duration.ZERO, properties.pollInterval())
        .concatMap(tick -> storedEnd(request))
        .next();
  }

  private Mono<ChildOutcome> storedEnd(RunRequested request) {
    return runs.find(request.workspaceId(), request.runId())
        .ofType(ChildRun.Ended.class)
        .map(ended -> ended(request.runId(), ended));
  }

  private Mono<ChildOutcome> publishUnlessStored(RunRequested request, Mono<ChildRun> stored) {
    return stored.flatMap(
        found ->
            found instanceof ChildRun.Absent
                ? publisher.publish(request).map(outcome -> published(request, outcome))
                : Mono.just(new ChildOutcome.Started(request.runId())));
  }

  private static ChildOutcome published(RunRequested request, RunRequestOutcome outcome) {
    return switch (outcome) {
      case RunRequestOutcome.Published p -> new ChildOutcome.Started(request.runId());
      case RunRequestOutcome.PayloadTooLarge(long bytes, long limit) ->
          new ChildOutcome.Refused(
              "the child's input is " + bytes + " bytes of JSON, more than " + limit);
    };
  }

  private static ChildOutcome ended(String runId, ChildRun.Ended ended) {
    return "completed".equals(ended.status())
        ? new ChildOutcome.Completed(runId, ended.outputs())
        : new ChildOutcome.Failed(runId, ended.status(), ended.error());
  }
}
