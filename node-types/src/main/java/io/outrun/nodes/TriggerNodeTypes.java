package io.outrun.nodes;

import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigSchemas;
import io.outrun.triggers.TriggerConfigs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canvas trigger nodes, {@code trigger.<type>} for every trigger type: their data is the
 * trigger's config (its schema from trigger-config, {@link TriggerConfigSchemas}) beside the two
 * keys an editor sets, {@code label} (the trigger's name) and {@code enabled}. A node holds no
 * webhook {@code secret}: one is generated at deploy.
 */
final class TriggerNodeTypes {

  static final String PREFIX = "trigger.";

  private static final Map<TriggerType, String> TITLES =
      Map.of(
          TriggerType.WEBHOOK, "Webhook trigger",
          TriggerType.SCHEDULE, "Schedule trigger",
          TriggerType.DATA_CHANGE, "Data change trigger",
          TriggerType.DEPENDENCY, "Workflow finished trigger",
          TriggerType.KAFKA_TOPIC, "Kafka topic trigger",
          TriggerType.MANUAL, "Manual trigger");

  private static final Map<TriggerType, String> DESCRIPTIONS =
      Map.of(
          TriggerType.WEBHOOK,
          "Starts a run for each accepted request at /api/webhooks/{triggerId} (and at"
              + " /api/webhooks/{workspaceSlug}/{path} with a path).",
          TriggerType.SCHEDULE,
          "Starts a run at a cron's times in a time zone, or every intervalSeconds.",
          TriggerType.DATA_CHANGE,
          "Starts a run for each matching change in a MongoDB collection.",
          TriggerType.DEPENDENCY,
          "Starts a run when a run of another workflow ends as the condition asks.",
          TriggerType.KAFKA_TOPIC,
          "Starts a run for each record of a Kafka topic the filter accepts; $trigger holds its"
              + " key, headers and value (JSON or text).",
          TriggerType.MANUAL,
          "Starts a run from POST /api/workflows/{id}/runs or the fire endpoint.");

  private static final Map<TriggerType, List<Map<String, Object>>> EXAMPLES =
      Map.of(
          TriggerType.WEBHOOK,
          List.of(Map.of("label", "Inbound", "method", "POST", "path", "orders/new")),
          TriggerType.SCHEDULE,
          List.of(
              Map.of("cron", "0 2 * * *", "timezone", "America/New_York", "overlapPolicy", "skip"),
              Map.of("intervalSeconds", 300)),
          TriggerType.DATA_CHANGE,
          List.of(
              Map.of(
                  "collection", "leads",
                  "operations", List.of("insert", "update"),
                  "filter", Map.of("fullDocument.status", "hot"))),
          TriggerType.DEPENDENCY,
          List.of(Map.of("dependsOnWorkflowId", "wf-upstream", "condition", "on_success")),
          TriggerType.KAFKA_TOPIC,
          List.of(
              Map.of("topic", "orders", "filter", "value.total > 100"),
              Map.of("topic", "payments", "startFrom", "earliest")),
          TriggerType.MANUAL,
          List.of(Map.of("label", "Run now")));

  private TriggerNodeTypes() {}

  static List<NodeType> all(ObjectMapper json) {
    return TriggerConfigs.TYPES.stream().map(type -> of(type, json)).toList();
  }

  private static NodeType of(TriggerType type, ObjectMapper json) {
    Map<String, Object> schema = new LinkedHashMap<>(TriggerConfigSchemas.requestSchema(type));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties =
        new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
    properties.put(
        "label",
        Map.of("type", "string", "description", "the trigger's name; the node id if unset"));
    properties.put("enabled", Map.of("type", "boolean", "default", true));
    schema.put("properties", properties);
    schema.put("examples", EXAMPLES.get(type));
    ObjectNode dataSchema = json.valueToTree(schema);
    return new NodeType(
        PREFIX + type.wireName(),
        TITLES.get(type),
        NodeCategory.TRIGGER,
        DESCRIPTIONS.get(type),
        List.of("default"),
        dataSchema);
  }
}
