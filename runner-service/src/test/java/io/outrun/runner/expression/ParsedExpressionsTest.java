package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;

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
    int count = ParsedExpressions.CHARS_KEPT / 10_000 + 2;
    List<Integer> kept =
        onAFreshThread(
            () -> {
              for (int i = 0; i < count; i++) {
                // a string literal of 10,000 characters, distinct per i
                ParsedExpressions.of("'" + String.valueOf(i % 10).repeat(9_990) + i + "'");
              }
              int all = ParsedExpressions.keptByThisThread();
              ParsedExpressions.of("'" + "x".repeat(ParsedExpressions.LONGEST_KEPT) + "'");
              return List.of(all, ParsedExpressions.keptByThisThread());
            });

    assertThat(kept.getFirst()).isEqualTo(ParsedExpressions.CHARS_KEPT / 10_000).isLessThan(count);
    assertThat(kept.getLast())
        .as("one longer than the longest kept is not kept")
        .isEqualTo(kept.getFirst());
  }
}
