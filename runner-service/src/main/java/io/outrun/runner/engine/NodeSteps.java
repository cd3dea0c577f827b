package io.outrun.runner.engine;

import io.outrun.runner.node.NodeCall;
import io.outrun.runner.secret.SecretLookup;
import io.outrun.runner.secret.WorkspaceSecrets;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import io.outrun.runner.trace.RunSpan;
import io.outrun.runner.usage.TokenAllowance;
import io.outrun.runner.usage.TokenBudget;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Takes one node of a run to its step: an AI node over the run's token budget fails before calling
 * out, a node whose retry or timeout settings are malformed fails before any attempt, a node that
 * names a secret the workspace lacks fails before any attempt, any other is attempted under its
 * retry policy and timeout ({@link NodeAttempts}) with the secrets it names resolved for the call;
 * what the step records keeps nothing of them ({@link StepMasks}). The ended step is recorded apart
 * ({@link #record}, into the {@link StepLog}), so the caller can release the node's successors
 * while it is being written.
 */
final class NodeSteps {

  private final NodeAttempts attempts;
  private final Predicate<String> consumesAiTokens;
  private final StepLog log;
  private final WorkspaceSecrets secrets;
  private final Clock clock;

  NodeSteps(
      NodeAttempts attempts,
      Predicate<String> consumesAiTokens,
      StepLog log,
      WorkspaceSecrets secrets,
      Clock clock) {
    this.attempts = attempts;
    this.consumesAiTokens = consumesAiTokens;
    this.log = log;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The same, its steps recorded into {@code other}. */
  NodeSteps loggingTo(StepLog other) {
    return new NodeSteps(attempts, consumesAiTokens, other, secrets, clock);
  }

  /** A node none of whose incoming edges was taken: its step, skipped. */
  StepDocument skipped(Workflow.Node node) {
    return StepRecords.skipped(node, clock.instant());
  }

  /**
   * Executes {@code call}, the call of {@code node}, to its ended step (not yet recorded).
   *
   * @param workspaceId the run's workspace, whose secrets the node may name
   * @param aiTokensUsed the AI tokens the run has used so far
   */
  Mono<StepDocument> attempt(
      String workspaceId,
      Workflow.Settings settings,
      Workflow.Node node,
      NodeCall call,
      long aiTokensUsed) {
    Instant startedAt = clock.instant();
    if (consumesAiTokens.test(node.type())
        && !TokenBudget.allows(aiTokensUsed, settings.maxTokensPerRun())) {
      long max = settings.maxTokensPerRun().getAsLong();
      return Mono.just(StepMasks.refused(node, TokenBudget.exhaustedMessage(max), startedAt));
    }
    try {
      var policy = NodeAttempts.policyFor(node, settings.retryPolicy());
      var timeout = NodeAttempts.timeoutFor(node);
      return secrets
          .lookup(workspaceId, node.data())
          .flatMap(
              lookup ->
                  switch (lookup) {
                    case SecretLookup.Found found ->
                        RunSpan.step(
                                node.type(),
                                node.id(),
                                attempts.execute(
                                    call.withSecrets(found.values())
                                        .withTokens(
                                            new TokenAllowance(
                                                aiTokensUsed, settings.maxTokensPerRun())),
                                    policy,
                                    timeout))
                            .map(
                                done ->
                                    StepRecords.finished(node, done, startedAt, clock.instant()))
                            .map(step -> StepMasks.masked(step, node.data(), found.mask()));
                    case SecretLookup.Refused(String reason) ->
                        Mono.just(
                            StepMasks.refused(
                                node, "node '" + node.id() + "': " + reason, startedAt));
                  });
    } catch (IllegalArgumentException malformed) {
      return Mono.just(
          StepMasks.refused(
              node, "node '" + node.id() + "': " + malformed.getMessage(), startedAt));
    }
  }

  /** Records an ended step of {@code run}; gives it back once recorded. */
  Mono<StepDocument> record(RunDocument run, StepDocument step) {
    return log.record(run, step);
  }

  /** Records the step that ends {@code run}'s graph (see {@link StepLog#recordLast}). */
  Mono<StepDocument> recordLast(RunDocument run, StepDocument step) {
    return log.recordLast(run, step);
  }
}
