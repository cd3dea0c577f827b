package io.outrun.api.trigger;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A {@code triggers} document (docs/ARCHITECTURE.md). trigger-api writes the configuration;
 * listener-service updates {@code lastTriggeredAt} and {@code triggerCount} (and so does {@code
 * POST .../fire}). Secret material lives in {@code config} only as a hash or a ciphertext.
 */
@Document(Trigger.COLLECTION)
record Trigger(
    @Id String id,
    String workspaceId,
    String workflowId,
    String type,
    String name,
    boolean enabled,
    Map<String, Object> config,
    Instant createdAt,
    Instant updatedAt,
    Instant lastTriggeredAt,
    long triggerCount) {

  static final String COLLECTION = "triggers";
  static final String WEBHOOK = "webhook";
  static final String SCHEDULE = "schedule";
  static final String DEPENDENCY = "dependency";

  Trigger {
    config = config == null ? Map.of() : config;
  }

  boolean is(String triggerType) {
    return triggerType.equals(type);
  }
}
