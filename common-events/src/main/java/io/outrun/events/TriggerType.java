package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kinds of trigger, by their contract names. */
public enum TriggerType {
  MANUAL("manual"),
  WEBHOOK("webhook"),
  SCHEDULE("schedule"),
  DATA_CHANGE("data_change"),
  DEPENDENCY("dependency"),
  KAFKA_TOPIC("kafka_topic");

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
