package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-ins Outrun replaces with bounded ones keep JSONata's meaning. */
class BoundedBuiltInsTest {

  private static final ExpressionContext CONTEXT =
      new ExpressionContext(Map.of("name", "Ada"), Map.of(), "run-1", "wf-1");

  private final Expressions expressions = new Expressions(ExpressionProperties.DEFAULTS);

  @Test
  void padPadsRightOrLeftWithTheGivenCharacters() {
    assertThat(eval("$pad('x', 5)")).isEqualTo("x    ");
    assertThat(eval("$pad('x', -5, '#')")).isEqualTo("####x");
    assertThat(eval("$pad('x', 4, 'ab')")).isEqualTo("xaba");
    assertThat(eval("$pad('abc', 2)")).isEqualTo("abc");
  }

  @Test
  void joinJoinsWithTheSeparator() {
    assertThat(eval("$join(['a', 'b', 'c'], '-')")).isEqualTo("a-b-c");
    assertThat(eval("$join(['a', 'b'])")).isEqualTo("ab");
  }

  @Test
  void stringWritesJsonAsJsonataDoes() {
    assertThat(eval("$string({'a': [1, 2.5, 'x\"y'], 'b': true, 'c': null})"))
        .isEqualTo("{\"a\":[1,2.5,\"x\\\"y\"],\"b\":true,\"c\":null}");
    assertThat(eval("$string({'a': [1]}, true)")).isEqualTo("{\n  \"a\": [\n    1\n  ]\n}");
    assertThat(eval("$string(1e300)")).isEqualTo("1e+300");
    assertThat(eval("$string(0.1 + 0.2)")).isEqualTo("0.3");
    assertThat(eval("$string('as is')")).isEqualTo("as is");
  }

  @Test
  void matchGivesEachMatchWithItsIndexAndGroups() {
    assertThat(eval("$match('ababbabbcc', /a(b+)/)"))
        .isEqualTo(
            List.of(
                Map.of("match", "ab", "index", 0, "groups", List.of("b")),
                Map.of("match", "abb", "index", 2, "groups", List.of("bb")),
                Map.of("match", "abb", "index", 5, "groups", List.of("bb"))));
    assertThat(eval("$match('ababbabbcc', /a(b+)/, 1)"))
        .isEqualTo(Map.of("match", "ab", "index", 0, "groups", List.of("b")));
  }

  @Test
  void containsTakesAStringOrARegularExpression() {
    assertThat(eval("$contains('abc', /b/)")).isEqualTo(true);
    assertThat(eval("$contains('abc', 'd')")).isEqualTo(false);
  }

  @Test
  void replaceSubstitutesGroupsAndDollarsOfARegularExpression() {
    assertThat(eval("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')"))
        .isEqualTo("Smith, John");
    assertThat(eval("$replace('265USD', /([0-9]+)USD/, '$$$1')")).isEqualTo("$265");
    assertThat(eval("$replace('abc', /b/, '[$0]')")).isEqualTo("a[b]c");
  }

  @Test
  void replaceTakesAStringPatternLiterallyAndALimit() {
    assertThat(eval("$replace('a.b.c', '.', '-')")).isEqualTo("a-b-c");
    assertThat(eval("$replace('abcabc', 'b', 'X', 1)")).isEqualTo("aXcabc");
  }

  @Test
  void replaceCallsAReplacementFunctionWithEachMatch() {
    assertThat(
            eval(
                "$replace('temp 30C', /(\\d+)C/, function($m) {"
                    + " $string($number($m.groups[0]) * 9 / 5 + 32) & 'F' })"))
        .isEqualTo("temp 86F");
  }

  @Test
  void splitKeepsEmptyPiecesAndHonoursTheLimit() {
    assertThat(eval("$split('a,b,,c', ',')")).isEqualTo(List.of("a", "b", "", "c"));
    assertThat(eval("$split('a1b22c', /[0-9]+/)")).isEqualTo(List.of("a", "b", "c"));
    assertThat(eval("$split('abc', '', 2)")).isEqualTo(List.of("a", "b"));
    assertThat(eval("$split('a,b', ',', 1)")).isEqualTo(List.of("a"));
  }

  @Test
  void nowIsTheSameThroughoutOneEvaluation() {
    assertThat(eval("$now() = $now() and $millis() = $millis()")).isEqualTo(true);
    assertThat(eval("$fromMillis(1510067557121, '[Y0001]-[M01]-[D01]')")).isEqualTo("2017-11-07");
  }

  @Test
  void formattersAndCloneWork() {
    assertThat(eval("$formatNumber(12345.6, '#,###.00')")).isEqualTo("12,345.60");
    assertThat(eval("$formatInteger(7, 'w')")).isEqualTo("seven");
    assertThat(eval("$clone({'a': [1]})")).isEqualTo(Map.of("a", List.of(1)));
  }

  private Object eval(String expression) {
    return expressions.evaluate(expression, CONTEXT);
  }
}
