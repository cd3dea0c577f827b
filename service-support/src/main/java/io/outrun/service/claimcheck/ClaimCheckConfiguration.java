package io.outrun.service.claimcheck;

import io.outrun.bus.EventPublisher;
import io.outrun.events.EventCodec;
import io.outrun.service.trace.RequestTraces;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The claim check for every service that has MongoDB and the event bus: {@link RunPayloads} (read
 * by the runner) and {@link RunRequestPublisher} (used by every publisher of run requests).
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
      "io.outrun.bus.EventBusConfiguration",
      "io.outrun.service.trace.TracingConfiguration"
    })
@ConditionalOnBean({ReactiveMongoTemplate.class, EventPublisher.class})
@EnableConfigurationProperties(ClaimCheckProperties.class)
public class ClaimCheckConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ClaimCheckConfiguration.class);

  @Bean
  RunPayloads runPayloads(
      ReactiveMongoTemplate mongo, EventCodec codec, Clock clock, ClaimCheckProperties properties) {
    return new RunPayloads(mongo, codec, clock, properties);
  }

  @Bean
  RunRequestPublisher runRequestPublisher(
      EventPublisher publisher,
      RunPayloads payloads,
      EventCodec codec,
      ClaimCheckProperties properties,
      RequestTraces traces) {
    return new RunRequestPublisher(publisher, payloads, codec, properties, traces);
  }

  /**
   * The TTL index, created once the service is up; a failure is logged, not fatal: payloads are
   * also removed by the runner and by later stores.
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> runPayloadIndexes(RunPayloads payloads) {
    return ready ->
        payloads
            .createIndexes()
            .subscribe(
                null,
                failed ->
                    log.warn("Could not create the {} index: {}", RunPayloads.COLLECTION, failed));
  }
}
