package io.outrun.listener.dependency;

import io.outrun.events.RunCompleted;
import io.outrun.events.TriggerType;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@link DependencyPlan} of an ended run, against the registry's triggers now. */
@Component
class Dependents {

  private final TriggerRegistry registry;
  private final DependencyProperties properties;
  private final Clock clock;

  Dependents(TriggerRegistry registry, DependencyProperties properties, Clock clock) {
    this.registry = registry;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Fails while the registry is not loaded, since it could not tell which triggers depend on the
   * run: the caller tries again.
   */
  Mono<List<DependentStart>> of(RunCompleted upstream) {
    if (!registry.isReady()) {
      return Mono.error(new IllegalStateException("the trigger registry is not loaded yet"));
    }
    return Mono.fromSupplier(
        () ->
            DependencyPlan.of(
                upstream,
                registry.all(TriggerType.DEPENDENCY),
                properties.maxChainDepth(),
                clock.instant()));
  }
}
