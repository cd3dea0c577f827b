package io.outrun.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the event bus's integration tests start: the bus's auto-configuration against the
 * in-process Kafka ({@code TestInfraInitializer}), meters kept in memory.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BusTestApp {

  @Bean
  MeterRegistry meters() {
    return new SimpleMeterRegistry();
  }
}
