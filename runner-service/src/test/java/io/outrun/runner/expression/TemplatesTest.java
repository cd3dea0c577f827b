package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private final Templates templates = new Templates(new Expressions(ExpressionProperties.DEFAULTS));

  @Test
  void rendersEachTemplateInAString() {
    assertThat(
            templates.render(
                "Hello {{ $trigger.name }}, run {{$run.id}}: {{ $steps.greet.output.message }}",
                ExpressionsTest.CONTEXT))
        .isEqualTo("Hello Ada, run run-1: Hello Ada");
  }

  @Test
  void rendersObjectsAsJsonAndUndefinedAsEmpty() {
    assertThat(
            templates.render(
                "[{{ $trigger.items[0] }}][{{ $trigger.nothing }}]", ExpressionsTest.CONTEXT))
        .isEqualTo("[{\"price\":2}][]");
  }

  @Test
  void stringWithoutTemplatesIsUnchanged() {
    assertThat(templates.render("no {braces} here", ExpressionsTest.CONTEXT))
        .isEqualTo("no {braces} here");
  }

  @Test
  void resolvesOnlyTemplatedFieldsButInsideThemRecursively() {
    Map<String, Object> data =
        Map.of(
            "message", "Hi {{name}}",
            "body", Map.of("list", List.of("{{name}}", 1)),
            "label", "{{name}}");

    assertThat(templates.resolveFields(data, ExpressionsTest.CONTEXT))
        .containsEntry("message", "Hi Ada")
        .containsEntry("body", Map.of("list", List.of("Ada", 1)))
        .containsEntry("label", "{{name}}");
  }

  @Test
  void badTemplateExpressionFails() {
    assertThatThrownBy(() -> templates.render("{{ (1 + }}", ExpressionsTest.CONTEXT))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("(1 +");
  }
}
