package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The final status of a step. */
public enum StepStatus {
  COMPLETED,
  FAILED,
  SKIPPED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
