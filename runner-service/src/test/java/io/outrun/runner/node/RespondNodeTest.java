package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunResponse;
import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.expression.StandardExpressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RespondNodeTest {

  private final NodeExecutors nodes =
      new NodeExecutors(
          List.of(
              new RespondNode(StandardExpressions.templates(), StandardExpressions.EVALUATIONS)));

  @Test
  void respondRendersStatusHeadersAndBodyTemplates() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", "{{ $trigger.code }}");
    data.put("headers", Map.of("Location", "/leads/{{ $trigger.name }}"));
    data.put("body", Map.of("greeting", "Hi {{ $trigger.name }}"));

    NodeOutcome outcome = execute(data);

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    Object output = ((NodeOutcome.Succeeded) outcome).output();
    assertThat(RespondAnswers.fromOutput("reply", output))
        .contains(
            new RunResponse(
                "reply", 201, Map.of("Location", "/leads/Ada"), Map.of("greeting", "Hi Ada")));
  }

  @Test
  void respondWithoutStatusAnswers200() {
    NodeOutcome outcome = execute(Map.of("body", "done"));

    assertThat(RespondAnswers.fromOutput("reply", ((NodeOutcome.Succeeded) outcome).output()))
        .contains(new RunResponse("reply", 200, Map.of(), "done"));
  }

  @Test
  void statusOutsideHttpRangeOrNotANumberFailsTheStep() {
    for (Object status : List.of(99, 600, "abc", 201.5, Map.of())) {
      NodeOutcome outcome = execute(Map.of("status", status));
      assertThat(outcome).as("status %s", status).isInstanceOf(NodeOutcome.Failed.class);
      assertThat(((NodeOutcome.Failed) outcome).error()).contains("'reply'").contains("status");
    }
  }

  @Test
  void headersMustBeAnObjectOfTextValues() {
    assertThat(execute(Map.of("headers", "X-A: 1"))).isInstanceOf(NodeOutcome.Failed.class);
    assertThat(execute(Map.of("headers", Map.of("X-A", Map.of("nested", 1)))))
        .isInstanceOf(NodeOutcome.Failed.class);
    NodeOutcome numbers = execute(Map.of("headers", Map.of("X-Count", 3)));
    assertThat(RespondAnswers.fromOutput("reply", ((NodeOutcome.Succeeded) numbers).output()))
        .map(RunResponse::headers)
        .contains(Map.of("X-Count", "3"));
  }

  @Test
  void anOutputThatIsNotAnAnswerGivesNoResponse() {
    assertThat(RespondAnswers.fromOutput("reply", "text")).isEmpty();
    assertThat(RespondAnswers.fromOutput("reply", Map.of("status", 700))).isEmpty();
  }

  private NodeOutcome execute(Map<String, Object> data) {
    ExpressionContext context =
        new ExpressionContext(Map.of("name", "Ada", "code", 201), Map.of(), "run-1", "wf-1");
    return nodes.execute(new NodeCall("reply", "respond", data, context)).block();
  }
}
