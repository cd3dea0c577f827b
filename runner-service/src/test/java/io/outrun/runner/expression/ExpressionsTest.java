package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

  static final ExpressionContext CONTEXT = StandardExpressions.CONTEXT;

  private final Expressions expressions = new Expressions(ExpressionProperties.DEFAULTS);

  @Test
  void triggerPayloadIsBoundAsTriggerAndAsTheContext() {
    assertThat(expressions.evaluate("$trigger.name", CONTEXT)).isEqualTo("Ada");
    assertThat(expressions.evaluate("name", CONTEXT)).isEqualTo("Ada");
  }

  @Test
  void stepOutputsAreBoundUnderSteps() {
    assertThat(expressions.evaluate("$uppercase($steps.greet.output.message)", CONTEXT))
        .isEqualTo("HELLO ADA");
  }

  @Test
  void runIdAndWorkflowIdAreBoundUnderRun() {
    assertThat(expressions.evaluate("$run.id & '/' & $run.workflowId", CONTEXT))
        .isEqualTo("run-1/wf-1");
  }

  @Test
  void resultsArePlainJsonValues() {
    Object value =
        expressions.evaluate("{'total': $sum($trigger.items.price), 'names': [name]}", CONTEXT);

    assertThat(value).isEqualTo(Map.of("total", 5, "names", List.of("Ada")));
  }

  @Test
  void undefinedIsNull() {
    assertThat(expressions.evaluate("$trigger.missing", CONTEXT)).isNull();
  }

  @Test
  void syntaxErrorNamesNodeAndExpression() {
    assertThatThrownBy(() -> expressions.evaluate("$trigger.name +", CONTEXT))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e ->
                assertThat(e.describeFor("n7"))
                    .startsWith("node 'n7': cannot evaluate expression '$trigger.name +': "));
  }

  @Test
  void runawayRecursionIsStopped() {
    assertThatThrownBy(
            () -> expressions.evaluate("($f := function($n) { $f($n + 1) }; $f(0))", CONTEXT))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void endlessLoopIsStoppedByTheTimeBound() {
    Expressions quick =
        new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofMillis(200)));

    assertThatThrownBy(
            () ->
                quick.evaluate(
                    "($loop := function($n) { $n > 1000000000 ? $n : $loop($n + 1) }; $loop(0))",
                    CONTEXT))
        .isInstanceOf(ExpressionException.class);
  }
}
