package io.outrun.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.nodes.NodeDataChecks.DataProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An {@code ai_agent}'s tools, maxIterations and outputSchema as deploy checks them. */
class AiAgentDataTest {

  private static final NodeDataChecks CHECKS = new NodeDataChecks(NodeTypeCatalogue.standard());

  private static final Map<String, Object> HTTP_TOOL =
      Map.of(
          "name", "lookup",
          "url", "https://api.example.org/x/{{ $args.id }}",
          "parameters",
              Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));

  private static List<DataProblem> check(Map<String, Object> extra) {
    Map<String, Object> data = new HashMap<>(Map.of("model", "gpt-4o-mini", "prompt", "hi"));
    data.putAll(extra);
    return CHECKS.check("ai_agent", data);
  }

  @Test
  void httpToolsMaxIterationsAndAnObjectSchemaAreAccepted() {
    assertThat(
            check(
                Map.of(
                    "tools", List.of(HTTP_TOOL),
                    "maxIterations", 5,
                    "outputSchema",
                        Map.of(
                            "type", "object",
                            "$defs", Map.of("c", Map.of("enum", List.of("a"))),
                            "properties", Map.of("c", Map.of("$ref", "#/$defs/c"))))))
        .isEmpty();
  }

  @Test
  void aWorkflowToolWithAWorkflowIdIsAccepted() {
    assertThat(
            check(
                Map.of(
                    "tools",
                    List.of(Map.of("kind", "workflow", "name", "sub", "workflowId", "w1")))))
        .isEmpty();
  }

  @Test
  void anHttpToolNeedsAUrlAndAValidName() {
    List<DataProblem> problems = check(Map.of("tools", List.of(Map.of("name", "has space"))));

    assertThat(problems).extracting(DataProblem::path).contains("tools.0.url", "tools.0.name");
  }

  @Test
  void twoToolsWithOneNameAreRefused() {
    assertThat(check(Map.of("tools", List.of(HTTP_TOOL, HTTP_TOOL))))
        .containsExactly(new DataProblem("tools.1.name", "another tool has the name lookup"));
  }

  @Test
  void aSchemaThatRefersOutsideItselfIsRefused() {
    assertThat(
            check(
                Map.of(
                    "outputSchema",
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("a", Map.of("$ref", "https://evil.example/s"))))))
        .containsExactly(
            new DataProblem("outputSchema", "may only refer within itself (\"#/...\")"));
  }

  @Test
  void wrongTypesHugeValuesAndOddKeysAreRefusedOrBounded() {
    assertThat(check(Map.of("tools", "lookup"))).extracting(DataProblem::path).contains("tools");
    assertThat(check(Map.of("maxIterations", 1_000_000_000_000L)))
        .extracting(DataProblem::path)
        .contains("maxIterations");
    assertThat(check(Map.of("maxIterations", 0)))
        .extracting(DataProblem::path)
        .contains("maxIterations");
    assertThat(check(Map.of("outputSchema", Map.of("type", "string"))))
        .extracting(DataProblem::path)
        .contains("outputSchema.type");
    assertThat(check(Map.of("tools", java.util.Collections.nCopies(33, HTTP_TOOL))))
        .extracting(DataProblem::path)
        .contains("tools");
    Map<String, Object> deep = Map.of("type", "object");
    for (int i = 0; i < 40; i++) {
      deep = Map.of("type", "object", "properties", Map.of("x", deep));
    }
    assertThat(check(Map.of("outputSchema", deep)))
        .extracting(DataProblem::path)
        .contains("outputSchema");
    assertThat(
            check(
                Map.of(
                    "tools",
                    List.of(Map.of("name", "a", "url", "https://x", "\u0000", 1, "$where", 2)))))
        .isEmpty();
  }
}
