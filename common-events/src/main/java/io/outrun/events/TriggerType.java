package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The kinds of trigger, by their contract names. {@link #SUB_WORKFLOW} starts only runs (a {@code
 * sub_workflow} node's child run), never a trigger document: trigger-config's {@code TYPES} leave
 * it out. Added within {@code run-requested.v1} and {@code run-completed.v1}: a reader that does
 * not know it cannot read such a record, so runners and listeners are upgraded before any workflow
 * holding a {@code sub_workflow} node is deployed.
 */
public enum TriggerType {
  MANUAL("manual"),
  WEBHOOK("webhook"),
  SCHEDULE("schedule"),
  DATA_CHANGE("data_change"),
  DEPENDENCY("dependency"),
  KAFKA_TOPIC("kafka_topic"),
  SUB_WORKFLOW("sub_workflow");

  private final String wireName;

  TriggerType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static TriggerType fromWireName(String name) {
    return Arrays.stream(values())
        .filter(type -> type.wireName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown trigger type: " + name));
  }
}
