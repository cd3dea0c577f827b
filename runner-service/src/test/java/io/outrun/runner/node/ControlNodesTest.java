package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.expression.Expressions;
import io.outrun.runner.expression.StandardExpressions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ControlNodesTest {

  private final Expressions expressions = StandardExpressions.EXPRESSIONS;
  private final NodeExecutors nodes =
      new NodeExecutors(
          List.of(
              new ConditionNode(new ExpressionNodes(expressions, StandardExpressions.EVALUATIONS)),
              new DelayNode(),
              new FailNode(StandardExpressions.templates(), StandardExpressions.EVALUATIONS)));

  @Test
  void conditionOutputsItsBooleanResult() {
    assertThat(execute("check", "condition", Map.of("expression", "$trigger.name = 'Ada'")))
        .isEqualTo(
            new NodeOutcome.Succeeded(
                Map.of("expression", "$trigger.name = 'Ada'"), Map.of("result", true)));
    assertThat(execute("check", "condition", Map.of("expression", "$trigger.name = 'Bob'")))
        .isEqualTo(
            new NodeOutcome.Succeeded(
                Map.of("expression", "$trigger.name = 'Bob'"), Map.of("result", false)));
  }

  @Test
  void conditionThatIsNotBooleanFailsNamingNodeAndExpression() {
    NodeOutcome outcome = execute("check", "condition", Map.of("expression", "$trigger.name"));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) outcome;
    assertThat(failed.error()).contains("'check'").contains("'$trigger.name'");
    assertThat(failed.retry().allowed()).isFalse();
  }

  @Test
  void delayWaitsOnATimerAndOutputsTheWait() {
    StepVerifier.withVirtualTime(
            () ->
                nodes.execute(
                    new NodeCall(
                        "wait", "delay", Map.of("ms", 30_000), StandardExpressions.CONTEXT)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(29_999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(new NodeOutcome.Succeeded(Map.of("ms", 30_000), Map.of("delayedMs", 30_000L)))
        .verifyComplete();
  }

  @Test
  void delayOutsideZeroToOneHourFails() {
    assertThat(execute("wait", "delay", Map.of("ms", 3_600_001)))
        .isInstanceOf(NodeOutcome.Failed.class);
    assertThat(execute("wait", "delay", Map.of("ms", -1))).isInstanceOf(NodeOutcome.Failed.class);
    assertThat(execute("wait", "delay", Map.of())).isInstanceOf(NodeOutcome.Failed.class);
  }

  @Test
  void failFailsWithItsRenderedMessageAndIsNeverRetried() {
    NodeOutcome outcome =
        execute("stop", "fail", Map.of("message", "no lead for {{$trigger.name}}"));

    assertThat(outcome)
        .isEqualTo(
            new NodeOutcome.Failed(
                Map.of("message", "no lead for Ada"),
                "no lead for Ada",
                NodeOutcome.Retry.NEVER,
                null));
  }

  private NodeOutcome execute(String nodeId, String type, Map<String, Object> data) {
    return nodes.execute(new NodeCall(nodeId, type, data, StandardExpressions.CONTEXT)).block();
  }
}
