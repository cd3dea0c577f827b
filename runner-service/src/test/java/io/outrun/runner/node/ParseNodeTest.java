package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.expression.StandardExpressions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ParseNodeTest {

  private static final ExpressionContext WEBHOOK =
      new ExpressionContext(
          Map.of("method", "POST", "body", "name=Ada&tag=a&tag=b"),
          Map.of("fetch", Map.of("body", "<r><n>1</n></r>")),
          "run-1",
          "wf-1");

  private final NodeExecutors nodes =
      new NodeExecutors(
          List.of(
              new ParseNode(
                  StandardExpressions.EXPRESSIONS,
                  StandardExpressions.EVALUATIONS,
                  new ParseProperties(DataSize.ofKilobytes(64), 64))));

  @Test
  void parsesTheTriggerBodyByDefault() {
    NodeOutcome outcome = execute(Map.of("format", "form"));

    assertThat(outcome)
        .isEqualTo(
            new NodeOutcome.Succeeded(
                Map.of("format", "form"), Map.of("name", "Ada", "tag", List.of("a", "b"))));
  }

  @Test
  void parsesWhatTheInputExpressionGives() {
    Map<String, Object> data = Map.of("format", "xml", "input", "$steps.fetch.output.body");

    assertThat(execute(data))
        .isEqualTo(new NodeOutcome.Succeeded(data, Map.of("r", Map.of("n", "1"))));
  }

  @Test
  void malformedTextFailsTheStepNamingTheNodeAndWhereAndIsNotRetried() {
    NodeOutcome.Failed failed =
        (NodeOutcome.Failed) execute(Map.of("format", "json", "input", "'{\"a\": }'"));

    assertThat(failed.error()).startsWith("node 'p': JSON line 1, column 7: ");
    assertThat(failed.retry().allowed()).isFalse();
  }

  @Test
  void badSettingsFailTheStepNamingTheKey() {
    assertThat(((NodeOutcome.Failed) execute(Map.of("format", "yaml"))).error())
        .isEqualTo("node 'p': data.format must be one of csv, xml, html_text, form, json");
    assertThat(
            ((NodeOutcome.Failed) execute(Map.of("format", "csv", "csv", Map.of("delimiter", ""))))
                .error())
        .isEqualTo("node 'p': data.csv.delimiter must be one character");
  }

  @Test
  void anInputExpressionThatFailsNamesTheNode() {
    assertThat(((NodeOutcome.Failed) execute(Map.of("format", "json", "input", "$x("))).error())
        .startsWith("node 'p'");
  }

  private NodeOutcome execute(Map<String, Object> data) {
    return nodes.execute(new NodeCall("p", "parse", data, WEBHOOK)).block();
  }
}
