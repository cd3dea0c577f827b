package io.outrun.triggers;

import io.outrun.events.TriggerType;
import io.outrun.triggers.DataChangeConfig.Operation;
import io.outrun.triggers.WebhookConfig.AuthType;
import io.outrun.triggers.WebhookConfig.Method;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
import io.outrun.triggers.WebhookConfig.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (2020-12) of the config a client may send for each trigger type, built from the
 * rules' own choices and limits ({@link WireName} enums, {@link
 * WebhookConfig#MAX_REQUESTS_PER_MINUTE}, {@link ScheduleRule}'s ranges, ...), so a form built from
 * it offers what {@link TriggerConfigs#fromRequest} accepts. A schema is a guide, not the checker:
 * enums are listed in their canonical spelling (the rules also read other cases), and the checks a
 * schema cannot say (a cron that parses and fires, an IANA zone, a collection that is not Outrun's
 * own) stay with the rules. Plain maps, no JSON library: pure.
 */
public final class TriggerConfigSchemas {

  private TriggerConfigSchemas() {}

  /** The properties and constraints of a {@code type} request config, as a schema object. */
  public static Map<String, Object> requestSchema(TriggerType type) {
    return switch (type) {
      case WEBHOOK -> webhook();
      case SCHEDULE -> schedule();
      case DATA_CHANGE -> dataChange();
      case DEPENDENCY -> dependency();
      case KAFKA_TOPIC -> kafkaTopic();
      case MANUAL -> object(new LinkedHashMap<>(), List.of());
      case SUB_WORKFLOW -> throw new IllegalArgumentException("sub_workflow has no trigger config");
    };
  }

  private static Map<String, Object> webhook() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("method", choice(Method.class, "POST", "the one method accepted; ANY: all"));
    properties.put("authType", choice(AuthType.class, "none", "how a request proves itself"));
    properties.put(
        "signatureScheme",
        choice(SignatureScheme.class, "hmac", "which signature header an hmac webhook reads"));
    properties.put(
        "allowedOrigins",
        Map.of(
            "type",
            "array",
            "items",
            Map.of("type", "string", "format", "uri"),
            "description",
            "origins (scheme://host[:port]) a browser may call from; empty: any"));
    properties.put("responseFormat", choice(ResponseFormat.class, "json", "how a 202 is written"));
    properties.put(
        "responseMode",
        choice(
            WebhookConfig.ResponseMode.class,
            "accepted",
            "accepted: 202 at once; last_node: wait for the run and answer with its result"));
    properties.put(
        "responseTimeoutMs",
        whole(1, WebhookConfig.Response.MAX_TIMEOUT_MS, WebhookConfig.Response.DEFAULT_TIMEOUT_MS));
    properties.put(
        "rateLimit",
        object(
            Map.of("requestsPerMinute", whole(1, WebhookConfig.MAX_REQUESTS_PER_MINUTE, null)),
            List.of("requestsPerMinute")));
    properties.put(
        "path",
        Map.of(
            "type",
            "string",
            "maxLength",
            WebhookPath.MAX_LENGTH,
            "pattern",
            "^/?[a-z0-9][a-z0-9_-]{0,63}(/[a-z0-9][a-z0-9_-]{0,63}){0,"
                + (WebhookPath.MAX_SEGMENTS - 1)
                + "}/?$",
            "description",
            "the readable address within the workspace: /api/webhooks/{workspaceSlug}/{path}"));
    return object(properties, List.of());
  }

  private static Map<String, Object> schedule() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "cron",
        text("a 5-field Unix cron expression or @hourly, @daily, @weekly, @monthly, @yearly"));
    properties.put("intervalSeconds", whole(1, ScheduleRule.MAX_INTERVAL_SECONDS, null));
    properties.put("timezone", text("an IANA time zone, UTC by default"));
    properties.put(
        "overlapPolicy",
        choice(OverlapPolicy.class, "skip", "what a tick does while the last run still goes"));
    properties.put(
        "catchupWindowSeconds",
        whole(0, ScheduleRule.MAX_CATCHUP_SECONDS, ScheduleRule.DEFAULT_CATCHUP_SECONDS));
    Map<String, Object> schema = object(properties, List.of());
    schema.put(
        "oneOf",
        List.of(
            Map.of("required", List.of("cron")), Map.of("required", List.of("intervalSeconds"))));
    return schema;
  }

  private static Map<String, Object> dataChange() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("database", text("the database to watch; Outrun's own by default"));
    properties.put("collection", text("the collection to watch"));
    properties.put(
        "operations",
        Map.of(
            "type",
            "array",
            "minItems",
            1,
            "items",
            Map.of("enum", WireName.all(Operation.class)),
            "description",
            "the operations that start a run; all by default"));
    properties.put(
        "filter", Map.of("type", "object", "description", "a MongoDB query on the change event"));
    return object(properties, List.of("collection"));
  }

  private static Map<String, Object> kafkaTopic() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        KafkaTopicRule.TOPIC,
        Map.of(
            "type",
            "string",
            "pattern",
            "^[A-Za-z0-9._-]{1,249}$",
            "description",
            "the topic to consume; not one of Outrun's own (outrun.*)"));
    properties.put(
        KafkaTopicRule.CLUSTER,
        text(
            "another Kafka cluster named in the listener's configuration; Outrun's own by default"));
    properties.put(
        KafkaTopicRule.FILTER,
        text("a JSONata expression on the record ($trigger); only records it is true for run"));
    properties.put(
        KafkaTopicRule.START_FROM,
        choice(
            KafkaTopicStart.class,
            KafkaTopicStart.CREATED.wireName(),
            "where a new trigger starts: the records written from its creation on, or every"
                + " record the topic keeps"));
    return object(properties, List.of(KafkaTopicRule.TOPIC));
  }

  private static Map<String, Object> dependency() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(DependencyRule.UPSTREAM, text("the workflow whose runs this one follows"));
    properties.put(
        "condition",
        choice(DependencyCondition.class, "on_success", "which upstream outcomes start a run"));
    properties.put("delayMinutes", whole(0, DependencyConfig.MAX_DELAY_MINUTES, 0));
    return object(properties, List.of(DependencyRule.UPSTREAM));
  }

  private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  private static <E extends Enum<E> & WireName> Map<String, Object> choice(
      Class<E> type, String fallback, String description) {
    return Map.of("enum", WireName.all(type), "default", fallback, "description", description);
  }

  private static Map<String, Object> whole(int min, int max, Integer fallback) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "integer");
    schema.put("minimum", min);
    schema.put("maximum", max);
    if (fallback != null) {
      schema.put("default", fallback);
    }
    return schema;
  }

  private static Map<String, Object> text(String description) {
    return Map.of(
        "type",
        "string",
        "minLength",
        1,
        "maxLength",
        ConfigFields.MAX_TEXT,
        "description",
        description);
  }
}
