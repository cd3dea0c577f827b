package io.outrun.triggers;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a {@code kafka_topic} trigger's consumer group starts on a partition it has no committed
 * offset for (a new trigger): a config's {@code startFrom}. Once a record is committed, the group
 * resumes from there whatever this says.
 */
public enum KafkaTopicStart implements WireName {
  /** The first record written at or after the trigger's creation: no run for the history. */
  CREATED("created"),
  /** The oldest record the topic keeps: a run for every record still retained. */
  EARLIEST("earliest");

  private final String wireName;

  KafkaTopicStart(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }
}
