package io.outrun.listener.autopause;

import io.outrun.bus.EventConsumers;
import io.outrun.listener.completion.RunCompletionIntake;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts run completions for auto-pause in a consumer group of its own ({@value #GROUP}), apart
 * from the dependency triggers' group so that neither holds the other back: each completion is
 * handed to {@link AutoPauses} and committed once its count (and any pause) is stored.
 */
@Configuration(proxyBeanMethods = false)
class AutoPauseIntake {

  static final String GROUP = "outrun-listener-auto-pause";

  @Bean
  RunCompletionIntake autoPauseCompletions(
      EventConsumers consumers, AutoPauses autoPauses, AutoPauseProperties properties) {
    return new RunCompletionIntake(
        consumers,
        new RunCompletionIntake.Settings(
            "auto-pause",
            GROUP,
            properties.enabled(),
            properties.minBackoff(),
            properties.maxBackoff(),
            properties.fetchWait()),
        autoPauses::handle);
  }
}
