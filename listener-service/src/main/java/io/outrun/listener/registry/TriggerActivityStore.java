package io.outrun.listener.registry;

import java.util.List;
import reactor.core.publisher.Mono;

/** Where trigger counts are written. */
interface TriggerActivityStore {

  /**
   * Adds each trigger's fires to its {@code triggerCount} and moves its {@code lastTriggeredAt}
   * forward (never back), atomically per trigger, so several listeners' writes add up. A trigger
   * that no longer exists is skipped.
   */
  Mono<Void> write(List<TriggerFires> fires);
}
