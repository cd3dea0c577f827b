package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.NodeOutcome;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.usage.NodeUsage;
import io.outrun.runner.usage.TokenAllowance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class NodeAttemptsTest {

  private static final NodeCall CALL =
      new NodeCall("n1", "flaky", Map.of(), new ExpressionContext(Map.of(), Map.of(), "r", "w"));
  private static final RetryPolicy TWO_RETRIES =
      new RetryPolicy(2, RetryPolicy.Backoff.EXPONENTIAL, 1000, 60_000, RetryPolicy.Jitter.NONE);
  private static final NodeOutcome.Failed RETRYABLE =
      new NodeOutcome.Failed(Map.of(), "503", NodeOutcome.Retry.ALLOWED, null);
  private static final NodeOutcome OK = new NodeOutcome.Succeeded(Map.of(), "ok");

  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void retryableFailuresAreRetriedAfterTheBackoffUntilOneSucceeds() {
    NodeAttempts attempts = new NodeAttempts(call -> failFirst(2), () -> 0.5);

    StepVerifier.withVirtualTime(() -> attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(2999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(new NodeAttempts.Attempted(OK, 3))
        .verifyComplete();
    assertThat(calls).hasValue(3);
  }

  @Test
  void retriesUsedUpLeaveTheLastFailure() {
    NodeAttempts attempts = new NodeAttempts(call -> failFirst(5), () -> 0.5);

    StepVerifier.withVirtualTime(() -> attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .thenAwait(Duration.ofMinutes(1))
        .expectNext(new NodeAttempts.Attempted(RETRYABLE, 3))
        .verifyComplete();
  }

  @Test
  void aPeersRetryAfterDelaysTheNextAttemptBeyondTheBackoff() {
    NodeOutcome.Failed limited =
        new NodeOutcome.Failed(
            Map.of(), "429", NodeOutcome.Retry.after(Duration.ofSeconds(30)), null);
    NodeAttempts attempts =
        new NodeAttempts(call -> Mono.just(calls.getAndIncrement() == 0 ? limited : OK), () -> 0.5);

    StepVerifier.withVirtualTime(() -> attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(29_999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(new NodeAttempts.Attempted(OK, 2))
        .verifyComplete();
  }

  @Test
  void failuresThatMayNotBeRetriedEndAtOnce() {
    NodeOutcome.Failed fatal = new NodeOutcome.Failed(Map.of(), "400");
    NodeAttempts attempts = new NodeAttempts(call -> Mono.just(fatal), () -> 0.5);

    StepVerifier.create(attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .expectNext(new NodeAttempts.Attempted(fatal, 1))
        .verifyComplete();
  }

  @Test
  void anAttemptThatTimesOutIsARetryableFailure() {
    NodeAttempts attempts = new NodeAttempts(call -> Mono.never(), () -> 0.5);
    RetryPolicy oneRetry = TWO_RETRIES.overriddenBy(Map.of("maxRetries", 1));

    StepVerifier.withVirtualTime(() -> attempts.execute(CALL, oneRetry, Duration.ofMillis(100)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1199))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(
            attempted -> {
              assertThat(attempted.attempts()).isEqualTo(2);
              NodeOutcome.Failed failed = (NodeOutcome.Failed) attempted.outcome();
              assertThat(failed.error()).isEqualTo("node 'n1' timed out after 100 ms");
            })
        .verifyComplete();
  }

  @Test
  void anExecutorThatGivesNothingFailsTheStepInsteadOfHangingTheRun() {
    NodeAttempts attempts = new NodeAttempts(call -> Mono.empty(), () -> 0.5);

    StepVerifier.create(attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .assertNext(
            attempted ->
                assertThat(((NodeOutcome.Failed) attempted.outcome()).error())
                    .isEqualTo("node 'n1' gave no outcome"))
        .verifyComplete();
  }

  @Test
  void nodeDataOverridesTheWorkflowsRetryPolicyAndTimeout() {
    Workflow.Node node =
        new Workflow.Node(
            "n1", "flaky", Map.of("retry", Map.of("maxRetries", 5), "timeoutMs", 250));

    assertThat(NodeAttempts.policyFor(node, TWO_RETRIES).maxRetries()).isEqualTo(5);
    assertThat(NodeAttempts.timeoutFor(node)).isEqualTo(Duration.ofMillis(250));
    assertThat(NodeAttempts.timeoutFor(new Workflow.Node("n2", "log", Map.of())))
        .isEqualTo(NodeAttempts.DEFAULT_TIMEOUT);
  }

  @Test
  void eachAttemptIsCalledWithItsNumber() {
    List<Integer> numbers = new CopyOnWriteArrayList<>();
    NodeAttempts attempts =
        new NodeAttempts(
            call -> {
              numbers.add(call.attempt());
              return failFirst(2);
            },
            () -> 0.5);

    StepVerifier.withVirtualTime(() -> attempts.execute(CALL, TWO_RETRIES, Duration.ofMinutes(5)))
        .thenAwait(Duration.ofMinutes(1))
        .expectNext(new NodeAttempts.Attempted(OK, 3))
        .verifyComplete();
    assertThat(numbers).containsExactly(1, 2, 3);
  }

  @Test
  void aSubWorkflowAttemptOutlastsItsOwnWaitSoItsAnswerNamingTheChildComesFirst() {
    Duration wait = Duration.ofMillis(60_000);
    Workflow.Node node =
        new Workflow.Node("call", "sub_workflow", Map.of("workflowId", "wf", "timeoutMs", 60_000));

    assertThat(NodeAttempts.timeoutFor(node)).isEqualTo(wait.plus(NodeAttempts.SUB_WORKFLOW_GRACE));
    assertThat(NodeAttempts.timeoutFor(new Workflow.Node("call", "sub_workflow", Map.of())))
        .isEqualTo(NodeAttempts.DEFAULT_TIMEOUT.plus(NodeAttempts.SUB_WORKFLOW_GRACE));
  }

  @Test
  void aiTokensOfFailedAttemptsCountWithTheStepAndShrinkTheNextAttemptsAllowance() {
    var spentThenFailed =
        new NodeOutcome.Failed(
            Map.of(), "503", NodeOutcome.Retry.ALLOWED, new NodeUsage(100, 0.5, 0, 1, false));
    var succeeded = new NodeOutcome.Succeeded(Map.of(), "ok", new NodeUsage(30, 0.25, 0, 1, false));
    List<TokenAllowance> allowances = new CopyOnWriteArrayList<>();
    NodeAttempts attempts =
        new NodeAttempts(
            call -> {
              allowances.add(call.tokens());
              return Mono.just(calls.incrementAndGet() == 1 ? spentThenFailed : succeeded);
            },
            () -> 0.5);
    NodeCall budgeted = CALL.withTokens(new TokenAllowance(20, OptionalLong.of(1_000)));

    StepVerifier.withVirtualTime(
            () -> attempts.execute(budgeted, TWO_RETRIES, Duration.ofMinutes(5)))
        .thenAwait(Duration.ofSeconds(1))
        .assertNext(
            done ->
                // the failed attempt's tokens and cost, not its HTTP call
                assertThat(done.outcome().usage()).isEqualTo(new NodeUsage(130, 0.75, 0, 1, false)))
        .verifyComplete();
    assertThat(allowances)
        .containsExactly(
            new TokenAllowance(20, OptionalLong.of(1_000)),
            new TokenAllowance(120, OptionalLong.of(1_000)));
  }

  private Mono<NodeOutcome> failFirst(int failures) {
    return Mono.fromSupplier(() -> calls.incrementAndGet() <= failures ? RETRYABLE : OK);
  }
}
