package io.outrun.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.triggers.RequestContext;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class NodeTypeCatalogueTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final NodeTypeCatalogue CATALOGUE = NodeTypeCatalogue.standard();
  private static final NodeDataChecks CHECKS = new NodeDataChecks(CATALOGUE);

  /** Data no node of the type could run with: a required setting missing or of the wrong type. */
  private static final Map<String, Map<String, Object>> WRONG =
      Map.ofEntries(
          Map.entry("http_request", Map.of("method", "FETCH")),
          Map.entry("webhook", Map.of("url", 42)),
          Map.entry("transform", Map.of("expr", "$x")),
          Map.entry("condition", Map.of("expression", true)),
          Map.entry("delay", Map.of("ms", "soon")),
          Map.entry("ai_agent", Map.of("model", "gpt-4o-mini")),
          Map.entry("log", Map.of("message", List.of("a"))),
          Map.entry("fail", Map.of("message", 7)),
          Map.entry("parse", Map.of("format", "yaml")),
          Map.entry("respond", Map.of("status", 42)),
          Map.entry("sub_workflow", Map.of("workflowId", "wf-1", "waitForCompletion", "yes")),
          Map.entry("trigger.webhook", Map.of("authType", "password")),
          Map.entry("trigger.schedule", Map.of("timezone", "UTC")),
          Map.entry("trigger.data_change", Map.of("operations", List.of("drop"))),
          Map.entry("trigger.dependency", Map.of("delayMinutes", 61)),
          Map.entry("trigger.kafka_topic", Map.of("filter", "value.total > 1")),
          Map.entry("trigger.manual", Map.of("enabled", "yes")));

  static Stream<Arguments> examples() {
    return CATALOGUE.all().stream()
        .flatMap(
            type -> {
              JsonNode examples = type.dataSchema().get("examples");
              assertThat(examples).as(type.type() + " has examples").isNotNull();
              return examples.valueStream().map(example -> Arguments.of(type.type(), example));
            });
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("examples")
  void everySchemaAcceptsItsExamples(String type, JsonNode example) {
    assertThat(CHECKS.check(type, JSON.treeToValue(example, Map.class))).isEmpty();
  }

  @Test
  void everySchemaRejectsObviouslyWrongData() {
    assertThat(WRONG.keySet()).containsExactlyInAnyOrderElementsOf(CATALOGUE.types());
    WRONG.forEach(
        (type, data) -> assertThat(CHECKS.check(type, data)).as(type + " " + data).isNotEmpty());
  }

  @Test
  void problemsNameThePathWithinTheData() {
    assertThat(CHECKS.check("http_request", Map.of()))
        .containsExactly(new NodeDataChecks.DataProblem("url", "is required"));
    assertThat(CHECKS.check("parse", Map.of("format", "csv", "csv", Map.of("delimiter", ";;"))))
        .extracting(NodeDataChecks.DataProblem::path)
        .containsExactly("csv.delimiter");
    assertThat(CHECKS.check("parse", Map.of("format", "csv", "csv", Map.of("delimter", ";"))))
        .containsExactly(new NodeDataChecks.DataProblem("csv.delimter", "is not a setting here"));
    assertThat(CHECKS.check("http_request", Map.of("url", "u", "method", "FETCH")))
        .extracting(NodeDataChecks.DataProblem::path)
        .containsExactly("method");
  }

  @Test
  void aWholeNumberMayBeWrittenWithAZeroFraction() {
    assertThat(CHECKS.check("delay", Map.of("ms", 1000.0))).isEmpty();
    assertThat(CHECKS.check("delay", Map.of("ms", 1000.5))).isNotEmpty();
  }

  @Test
  void everyTriggerTypeHasATriggerNode() {
    assertThat(CATALOGUE.triggerTypes())
        .containsExactlyElementsOf(
            TriggerConfigs.TYPES.stream().map(t -> "trigger." + t.wireName()).toList());
    assertThat(CATALOGUE.find("trigger.webhook").orElseThrow().category())
        .isEqualTo(NodeCategory.TRIGGER);
  }

  @Test
  void aConditionHasTrueAndFalseOutputs() {
    assertThat(CATALOGUE.find("condition").orElseThrow().outputs())
        .containsExactly("true", "false");
    assertThat(CATALOGUE.find("log").orElseThrow().outputs()).containsExactly("default");
  }

  @Test
  void everyRunnerNodeSchemaDescribesTheOverridableSettings() {
    CATALOGUE.runnerTypes().stream()
        .map(type -> CATALOGUE.find(type).orElseThrow().dataSchema().get("properties"))
        .forEach(
            properties ->
                assertThat(properties.has("timeoutMs") && properties.has("retry")).isTrue());
  }

  /** The trigger schemas say what trigger-config's rules say, on the examples and wrong data. */
  @Test
  void triggerSchemasAgreeWithTriggerConfigRules() {
    RequestContext context =
        new RequestContext(
            "wf-1", Instant.parse("2026-12-01T00:00:00Z"), "outrun", java.util.Set.of("runs"));
    for (String type : CATALOGUE.triggerTypes()) {
      String triggerType = type.substring("trigger.".length());
      for (JsonNode example : CATALOGUE.find(type).orElseThrow().dataSchema().get("examples")) {
        assertThat(TriggerConfigs.fromRequest(triggerType, config(example), context))
            .as(type + " " + example)
            .isInstanceOf(TriggerConfigs.Checked.Valid.class);
      }
      if (!type.equals("trigger.manual")) { // enabled is a node key, not config
        assertThat(TriggerConfigs.fromRequest(triggerType, config(WRONG.get(type)), context))
            .as(type + " wrong")
            .isInstanceOf(TriggerConfigs.Checked.Invalid.class);
      }
    }
  }

  @Test
  void catalogueTypesAreUnique() {
    assertThat(CATALOGUE.all()).extracting(NodeType::type).doesNotHaveDuplicates();
    assertThat(TriggerConfigs.TYPES).hasSize(CATALOGUE.triggerTypes().size());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(Object data) {
    Map<String, Object> config = new LinkedHashMap<>(JSON.convertValue(data, Map.class));
    config.remove("label");
    config.remove("enabled");
    return config;
  }
}
