package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Every event Outrun services exchange over Kafka.
 *
 * <p>On the wire each event is JSON with a stable, versioned {@code type} name (never a class
 * name). Within a version only optional fields are added and readers ignore unknown ones; a
 * breaking change is a new type name. The Kafka record key is always {@link #workflowId()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RunRequested.class, name = RunRequested.TYPE),
  @JsonSubTypes.Type(value = RunStarted.class, name = RunStarted.TYPE),
  @JsonSubTypes.Type(value = StepFinished.class, name = StepFinished.TYPE),
  @JsonSubTypes.Type(value = RunCompleted.class, name = RunCompleted.TYPE)
})
public sealed interface OutrunEvent permits RunRequested, RunStarted, StepFinished, RunCompleted {

  /** Deterministic: the same logical event always carries the same id, so consumers dedupe. */
  String eventId();

  Instant occurredAt();

  String workspaceId();

  String workflowId();

  String runId();

  /** The Kafka record key: one workflow's events stay on one partition, in order. */
  default String key() {
    return workflowId();
  }
}
