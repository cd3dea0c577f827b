package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.Expressions;
import io.outrun.runner.expression.StandardExpressions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class NodeExecutorsTest {

  private final Expressions expressions = StandardExpressions.EXPRESSIONS;
  private final NodeExecutors nodes =
      new NodeExecutors(
          List.of(
              new LogNode(StandardExpressions.templates(), StandardExpressions.EVALUATIONS),
              new TransformNode(
                  new ExpressionNodes(expressions, StandardExpressions.EVALUATIONS))));

  @Test
  void logRecordsTheRenderedMessageAsInputAndOutput() {
    NodeOutcome outcome = execute("greet", "log", Map.of("message", "Hello {{$trigger.name}}"));

    assertThat(outcome)
        .isEqualTo(
            new NodeOutcome.Succeeded(
                Map.of("message", "Hello Ada"), Map.of("message", "Hello Ada")));
  }

  @Test
  void transformOutputsTheExpressionsValue() {
    NodeOutcome outcome =
        execute("shout", "transform", Map.of("expression", "$uppercase($trigger.name)"));

    assertThat(outcome)
        .isEqualTo(
            new NodeOutcome.Succeeded(Map.of("expression", "$uppercase($trigger.name)"), "ADA"));
  }

  @Test
  void badExpressionFailsTheStepNamingNodeAndExpression() {
    NodeOutcome outcome = execute("shout", "transform", Map.of("expression", "$nope("));

    assertThat(outcome).isInstanceOf(NodeOutcome.Failed.class);
    assertThat(((NodeOutcome.Failed) outcome).error()).contains("'shout'").contains("'$nope('");
  }

  @Test
  void badTemplateInLogFailsTheStepNamingNodeAndExpression() {
    NodeOutcome outcome = execute("greet", "log", Map.of("message", "Hi {{ $trigger. }}"));

    assertThat(((NodeOutcome.Failed) outcome).error()).contains("'greet'").contains("$trigger.");
  }

  @Test
  void unknownTypeIsNotSupportedYet() {
    NodeOutcome outcome = execute("call", "http_request", Map.of("url", "https://example.org"));

    assertThat(outcome)
        .isEqualTo(
            new NodeOutcome.Failed(
                Map.of("url", "https://example.org"),
                "node type http_request is not supported by this runner yet"));
  }

  @Test
  void aFullQueueFailsTheStepRetryablyAtOnce() throws Exception {
    EvaluationExecutor tiny = StandardExpressions.executor(1, 1, 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    tiny.run(
            () -> {
              running.countDown();
              return await(release);
            })
        .subscribe();
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    tiny.run(() -> "queued").subscribe();
    NodeExecutors nodes =
        new NodeExecutors(
            List.of(new TransformNode(new ExpressionNodes(StandardExpressions.EXPRESSIONS, tiny))));

    StepVerifier.create(
            nodes.execute(
                new NodeCall(
                    "t", "transform", Map.of("expression", "1"), StandardExpressions.CONTEXT)))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isInstanceOfSatisfying(
                        NodeOutcome.Failed.class,
                        failed -> {
                          assertThat(failed.error()).contains("too many expressions");
                          assertThat(failed.retry().allowed()).isTrue();
                        }))
        .verifyComplete();
    release.countDown();
    tiny.close();
  }

  private NodeOutcome execute(String nodeId, String type, Map<String, Object> data) {
    return nodes.execute(new NodeCall(nodeId, type, data, StandardExpressions.CONTEXT)).block();
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
