package io.outrun.listener.dependency;

import io.outrun.events.RunOutcome;

/** When an upstream run starts a dependent one: {@code condition} of a dependency trigger. */
enum DependencyCondition {
  ON_SUCCESS,
  ON_FAILURE,
  ON_COMPLETION;

  /** The condition a config names; {@code on_success} when it names none. */
  static DependencyCondition of(Object configValue) {
    return switch (String.valueOf(configValue)) {
      case "on_failure" -> ON_FAILURE;
      case "on_completion" -> ON_COMPLETION;
      default -> ON_SUCCESS;
    };
  }

  /**
   * Completed runs are successes, failed runs failures; any end, cancelled too, is a completion.
   */
  boolean matches(RunOutcome outcome) {
    return switch (this) {
      case ON_SUCCESS -> outcome == RunOutcome.COMPLETED;
      case ON_FAILURE -> outcome == RunOutcome.FAILED;
      case ON_COMPLETION -> true;
    };
  }
}
