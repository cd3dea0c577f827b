package io.outrun.listener.dependency;

import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;

/** What an ended run does for one dependency trigger that follows it ({@link DependencyPlan}). */
sealed interface DependentStart {

  FireableTrigger trigger();

  /** Request the dependent run now. */
  record Now(FireableTrigger trigger, RunRequested request) implements DependentStart {}

  /** Keep the dependent run until {@code dueAt} ({@code delayMinutes} after the upstream ended). */
  record Later(FireableTrigger trigger, RunRequested request, Instant dueAt)
      implements DependentStart {}

  /**
   * Start nothing: the chain would be {@code depth} runs deep, over the limit; decided {@code at}.
   */
  record TooDeep(FireableTrigger trigger, int depth, int maxDepth, Instant at)
      implements DependentStart {}
}
