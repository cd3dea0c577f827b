package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;

/**
 * Expressions written to hold a runner: each must fail with an error naming the limit it hit, well
 * within its time budget. The JUnit timeout only keeps a regression from hanging the build (before
 * the budget, several of these ran for hours); the assertions are on the error.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileExpressionsTest {

  private static final ExpressionContext CONTEXT =
      new ExpressionContext(Map.of("name", "Ada"), Map.of(), "run-1", "wf-1");

  private final Expressions expressions = new Expressions(ExpressionProperties.DEFAULTS);

  @Test
  void theReportedPadAndSplitStopsAtTheItemLimit() {
    assertStopped("$count($split($pad(\"\", 5000000, \"ab\"), \"\"))", "max-items");
  }

  @Test
  void aPadWiderThanTheStringLimitIsRefusedBeforeItIsBuilt() {
    assertStopped("$pad(\"\", 100000000, \"ab\")", "max-string-length");
  }

  @Test
  void aJoinLongerThanTheStringLimitIsRefusedBeforeItIsBuilt() {
    assertStopped(
        "($s := $pad(\"\", 4000000, \"x\"); $join([$s, $s, $s], \"\"))", "max-string-length");
  }

  @Test
  void aJoinOfAHugeRangeStops() {
    assertStopped("$join([1..9999999].$string(), \",\")", "max-items");
  }

  @Test
  void aRangeOfMoreThanTheItemLimitIsRefused() {
    assertStopped("[1..5000000]", "max-items");
  }

  @Test
  void aRangeOverJsonatasOwnLimitIsRefused() {
    assertThatThrownBy(() -> expressions.evaluate("[1..100000000]", CONTEXT))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("range operator");
  }

  @Test
  void aLazyQuantifierThatBacktracksWithoutEndIsStoppedAtTheTimeLimit() {
    assertStopped(
        "$match(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /^(a+?)+?$/)", "timeout", quick());
  }

  @Test
  void aBackReferenceThatBacktracksWithoutEndIsStoppedAtTheTimeLimit() {
    assertStopped(
        "$replace(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /^((a+)+)\\1$/, \"b\")",
        "timeout",
        quick());
  }

  @Test
  void theNestedQuantifierOfTheReportCompletesOnThisJdk() {
    // java.util.regex memoizes greedy loops since JDK 9, so (a+)+$ no longer backtracks for ever
    assertThat(
            expressions.evaluate(
                "$match(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /(a+)+$/)", CONTEXT))
        .isNull();
  }

  @Test
  void aRegularExpressionAppliedAsAFunctionIsRefused() {
    assertStopped("/^(a+?)+?$/(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")", "regular expression");
    assertStopped("(\"aaaa!\" ~> /^(a+?)+?$/)", "regular expression");
    assertStopped("($re := /a/; $match(\"a\", $re))", "regular expression");
  }

  @Test
  void deepRecursionStopsAtTheDepthLimit() {
    assertStopped("($f := function($n) { $n + $f($n + 1) }; $f(0))", "max-depth");
  }

  @Test
  void anEndlessTailCallStopsAtTheTimeLimit() {
    assertStopped("($f := function($n) { $f($n + 1) }; $f(0))", "timeout", quick());
  }

  @Test
  void aValueDoubledThroughSharedReferencesStopsAtTheItemLimit() {
    assertStopped(
        "($f := function($n) { $n = 0 ? 1 : ($c := $f($n - 1); {'l': $c, 'r': $c}) };"
            + " $string($f(40)))",
        "max-items");
  }

  @Test
  void aStringDoubledByConcatenationStopsAtTheStringLimit() {
    assertStopped(
        "($f := function($s, $n) { $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('ab', 40))",
        "max-string-length");
  }

  @Test
  void manyLargeStringsStopAtTheMemoryLimit() {
    Expressions small =
        new Expressions(
            ExpressionProperties.DEFAULTS
                .withTimeout(Duration.ofMinutes(1)) // only memory may stop it
                .withSizes(10_000_000, 1_000_000, DataSize.ofMegabytes(64)));

    assertStopped(
        "$count($map([1..900000], function($i) { $pad('', 1000, 'x') }))", "max-memory", small);
  }

  @Test
  void switchingTheChecksOffIsRefused() {
    assertStopped(
        "($__evaluate_entry := $nothing; $f := function($n) { $f($n + 1) }; $f(0))", "reserved");
  }

  @Test
  void aDateFieldABillionDigitsWideIsRefused() {
    assertStopped("$fromMillis(0, '[Y,100000000]')", "field width");
  }

  @Test
  void evalIsRefused() {
    assertStopped("$eval('$pad(\"\", 5000000, \"ab\")')", "$eval");
  }

  @Test
  void aReplacementLongerThanTheStringLimitStopsAsItGrows() {
    assertStopped("$replace($pad('', 100000, 'a'), 'a', $pad('', 1000, 'b'))", "max-string-length");
  }

  private static Expressions quick() {
    return new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofMillis(300)));
  }

  private void assertStopped(String expression, String limit) {
    assertStopped(expression, limit, expressions);
  }

  private static void assertStopped(String expression, String limit, Expressions expressions) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> expressions.evaluate(expression, CONTEXT))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e ->
                assertThat(e.describeFor("runaway"))
                    .startsWith("node 'runaway': ")
                    .contains(limit));
    System.out.printf(
        "%s stopped after %d ms%n", expression, (System.nanoTime() - started) / 1_000_000);
  }
}
