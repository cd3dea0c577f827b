package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ParsedExpressionsTest {

  private final Expressions expressions = new Expressions(ExpressionProperties.DEFAULTS);

  /** {@code work}'s value, computed on a thread of its own (one that has parsed nothing yet). */
  private static <T> T onAFreshThread(Supplier<T> work) throws Exception {
    CompletableFuture<T> value = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> value.complete(work.get())).join();
    return value.get();
  }

  private static ExpressionContext triggeredWith(String secret) {
    return new ExpressionContext(Map.of("secret", secret), Map.of(), "run-" + secret, "wf-1");
  }

  @Test
  void anExpressionIsParsedOncePerThreadAndEachThreadHasItsOwn() throws Exception {
    String expression = "$trigger.secret & ' parsed once'";

    Jsonata first = ParsedExpressions.of(expression);
    Jsonata again = ParsedExpressions.of(expression);
    Jsonata elsewhere = onAFreshThread(() -> ParsedExpressions.of(expression));

    assertThat(again).isSameAs(first);
    assertThat(elsewhere).isNotSameAs(first);
  }

  @Test
  void oneEvaluationsBindingsNeverReachTheNextOfTheSameParsedExpression() {
    // binds $v in the evaluation's own frame; a frame left under the next would hand it $v
    String expression = "$v := $exists($v) ? 'leaked ' & $v : $trigger.secret";

    assertThat(expressions.evaluate(expression, triggeredWith("first run's")))
        .isEqualTo("first run's");
    assertThat(expressions.evaluate(expression, triggeredWith("second run's")))
        .isEqualTo("second run's");
    assertThat(expressions.evaluate("$exists($v) ? $v : 'unbound'", triggeredWith("third")))
        .isEqualTo("unbound");
  }

  @Test
  void theLeastRecentlyUsedGoOnceTheThreadKeepsTooManyCharacters() throws Exception {
    int length = 1_000;
    int fit = ParsedExpressions.CHARS_KEPT / length;
    List<Integer> kept =
        onAFreshThread(
            () -> {
              for (int i = 0; i < fit + 2; i++) {
                // a string literal, distinct per i, of exactly `length` characters with its quotes
                ParsedExpressions.of("'%04d%s'".formatted(i, "x".repeat(length - 6)));
              }
              int all = ParsedExpressions.keptByThisThread();
              ParsedExpressions.of("'" + "x".repeat(ParsedExpressions.LONGEST_KEPT) + "'");
              return List.of(all, ParsedExpressions.keptByThisThread());
            });

    assertThat(kept.getFirst()).isEqualTo(fit);
    assertThat(kept.getLast()).as("one longer than the longest kept is not kept").isEqualTo(fit);
  }

  @Test
  void anEvaluationThatFailsLeavesNothingBehindForTheNext() {
    // binds $v, then fails when the trigger says so
    String expression =
        "$exists($v) ? 'leaked ' & $v : [$v := $trigger.secret,"
            + " $trigger.fail ? $error('stopped') : $v][1]";

    assertThatThrownBy(
            () ->
                expressions.evaluate(
                    expression,
                    new ExpressionContext(
                        Map.of("secret", "first run's", "fail", true), Map.of(), "run-1", "wf-1")))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("stopped");
    assertThat(expressions.evaluate(expression, triggeredWith("second run's")))
        .isEqualTo("second run's");
  }
}
