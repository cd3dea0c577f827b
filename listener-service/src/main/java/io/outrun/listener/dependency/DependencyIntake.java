package io.outrun.listener.dependency;

import io.outrun.bus.EventConsumers;
import io.outrun.listener.completion.RunCompletionIntake;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts dependent runs from run completions (consumer group {@value #GROUP}, all replicas share
 * it): each completion is handed to {@link DependencyStarts} and committed once its dependent runs
 * are on Kafka or stored. A dependent run started at once continues the upstream run's trace; a
 * delayed start, published later from its stored entry, begins a new trace.
 */
@Configuration(proxyBeanMethods = false)
class DependencyIntake {

  static final String GROUP = "outrun-listener-dependencies";

  @Bean
  RunCompletionIntake dependencyCompletions(
      EventConsumers consumers, DependencyStarts starts, DependencyProperties properties) {
    return new RunCompletionIntake(
        consumers,
        new RunCompletionIntake.Settings(
            "dependency triggers",
            GROUP,
            properties.enabled(),
            properties.minBackoff(),
            properties.maxBackoff(),
            Duration.ZERO), // a downstream run starts as soon as its upstream ends
        starts::handle);
  }
}
