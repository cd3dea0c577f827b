package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeExecutorsTest {

  private final Expressions expressions = new Expressions(ExpressionProperties.DEFAULTS);
  private final NodeExecutors nodes =
      new NodeExecutors(
          List.of(
              new LogNode(new Templates(expressions), StandardNodes.EVALUATIONS),
              new TransformNode(expressions, StandardNodes.EVALUATIONS)));

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

  private NodeOutcome execute(String nodeId, String type, Map<String, Object> data) {
    return nodes.execute(new NodeCall(nodeId, type, data, ExpressionsTest.CONTEXT)).block();
  }
}
