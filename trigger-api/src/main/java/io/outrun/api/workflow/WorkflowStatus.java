package io.outrun.api.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The lifecycle of a workflow, by the names stored and shown. */
public enum WorkflowStatus {
  DRAFT("draft"),
  ACTIVE("active"),
  PAUSED("paused"),
  ARCHIVED("archived");

  private final String wireName;

  WorkflowStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static WorkflowStatus fromWireName(String name) {
    return Arrays.stream(values())
        .filter(status -> status.wireName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown workflow status: " + name));
  }
}
