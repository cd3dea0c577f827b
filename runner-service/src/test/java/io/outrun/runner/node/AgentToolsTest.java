package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.runner.egress.EgressProperties;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.retry.RetryAfter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** How {@code data.tools} is offered to the model: the same shape for every kind of tool. */
class AgentToolsTest {

  private static final GuardedHttpClient CLIENT =
      new GuardedHttpClient(EgressProperties.defaults(false));
  private static final AgentTools TOOLS =
      StandardNodes.agentTools(
          new HttpExchanges(
              StandardExpressions.EVALUATIONS, CLIENT, new RetryAfter(Clock.systemUTC())));

  private static final Map<String, Object> CITY =
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));

  @AfterAll
  static void close() {
    CLIENT.close();
  }

  @Test
  void anHttpToolIsOfferedAsAFunctionWithItsNameDescriptionAndParameters() {
    List<AgentTool> tools =
        TOOLS.of(
            List.of(
                Map.of(
                    "name", "lookup",
                    "description", "Looks a city up",
                    "url", "https://example.com/{{ $args.city }}",
                    "parameters", CITY)));

    assertThat(tools.getFirst().signature().definition())
        .isEqualTo(function("lookup", "Looks a city up", CITY));
  }

  @Test
  void aWorkflowToolIsOfferedTheSameWay() {
    List<AgentTool> tools =
        TOOLS.of(
            List.of(
                Map.of(
                    "kind", "workflow",
                    "name", "stock",
                    "description", "Checks the stock of a SKU",
                    "workflowId", "wf-stock",
                    "parameters", CITY)));

    assertThat(tools.getFirst()).isInstanceOf(WorkflowTool.class);
    assertThat(tools.getFirst().signature().definition())
        .isEqualTo(function("stock", "Checks the stock of a SKU", CITY));
  }

  @Test
  void aToolWithoutDescriptionOrParametersIsOfferedWithAnEmptyOneAndNoArguments() {
    List<AgentTool> tools =
        TOOLS.of(List.of(Map.of("kind", "workflow", "name", "ping", "workflowId", "wf-ping")));

    assertThat(tools.getFirst().signature().definition())
        .isEqualTo(function("ping", "", Map.of("type", "object", "properties", Map.of())));
  }

  @Test
  void twoToolsOfOneNameAcrossKindsAreRefusedNamingTheSecond() {
    List<Object> twice =
        List.of(
            Map.of("name", "lookup", "url", "https://example.com"),
            Map.of("kind", "workflow", "name", "lookup", "workflowId", "wf-lookup"));

    assertThatThrownBy(() -> TOOLS.of(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tools[1]: a second tool named lookup");
  }

  /** A chat request's {@code tools} entry, as OpenAI's function tools are written. */
  private static Map<String, Object> function(
      String name, String description, Map<String, Object> parameters) {
    return Map.of(
        "type",
        "function",
        "function",
        Map.of("name", name, "description", description, "parameters", parameters));
  }
}
