package io.outrun.triggers;

import com.fasterxml.jackson.annotation.JsonValue;
import io.outrun.events.RunOutcome;

/** When an upstream run starts a dependent one: a dependency trigger's {@code condition}. */
public enum DependencyCondition implements WireName {
  ON_SUCCESS("on_success"),
  ON_FAILURE("on_failure"),
  ON_COMPLETION("on_completion");

  private final String wireName;

  DependencyCondition(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * Completed runs are successes, failed runs failures; any end, cancelled too, is a completion.
   */
  public boolean matches(RunOutcome outcome) {
    return switch (this) {
      case ON_SUCCESS -> outcome == RunOutcome.COMPLETED;
      case ON_FAILURE -> outcome == RunOutcome.FAILED;
      case ON_COMPLETION -> true;
    };
  }
}
