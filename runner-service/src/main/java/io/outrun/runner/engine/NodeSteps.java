package io.outrun.runner.engine;

import io.outrun.runner.node.NodeCall;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import io.outrun.runner.usage.TokenBudget;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Takes one node of a run to its recorded step: an AI node over the run's token budget fails before
 * calling out, a node whose retry or timeout settings are malformed fails before any attempt, any
 * other is attempted under its retry policy and timeout ({@link NodeAttempts}); the step is then
 * recorded ({@link StepLog}).
 */
final class NodeSteps {

  private final NodeAttempts attempts;
  private final Predicate<String> consumesAiTokens;
  private final StepLog log;
  private final Clock clock;

  NodeSteps(NodeAttempts attempts, Predicate<String> consumesAiTokens, StepLog log, Clock clock) {
    this.attempts = attempts;
    this.consumesAiTokens = consumesAiTokens;
    this.log = log;
    this.clock = clock;
  }

  /** A node none of whose incoming edges was taken, recorded as skipped. */
  Mono<StepDocument> skip(RunDocument run, Workflow.Node node) {
    return log.record(run, StepRecords.skipped(node, clock.instant()));
  }

  /**
   * Executes {@code call}, the call of {@code node}, and records its step.
   *
   * @param aiTokensUsed the AI tokens the run has used so far
   */
  Mono<StepDocument> execute(
      RunDocument run,
      Workflow.Settings settings,
      Workflow.Node node,
      NodeCall call,
      long aiTokensUsed) {
    return attempted(settings, node, call, aiTokensUsed, clock.instant())
        .flatMap(step -> log.record(run, step));
  }

  private Mono<StepDocument> attempted(
      Workflow.Settings settings,
      Workflow.Node node,
      NodeCall call,
      long aiTokensUsed,
      Instant startedAt) {
    if (consumesAiTokens.test(node.type())
        && !TokenBudget.allows(aiTokensUsed, settings.maxTokensPerRun())) {
      long max = settings.maxTokensPerRun().getAsLong();
      return Mono.just(StepRecords.refused(node, TokenBudget.exhaustedMessage(max), startedAt));
    }
    try {
      var policy = NodeAttempts.policyFor(node, settings.retryPolicy());
      var timeout = NodeAttempts.timeoutFor(node);
      return attempts
          .execute(call, policy, timeout)
          .map(done -> StepRecords.finished(node, done, startedAt, clock.instant()));
    } catch (IllegalArgumentException malformed) {
      return Mono.just(
          StepRecords.refused(
              node, "node '" + node.id() + "': " + malformed.getMessage(), startedAt));
    }
  }
}
