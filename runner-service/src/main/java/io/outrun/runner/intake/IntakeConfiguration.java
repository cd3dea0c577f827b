package io.outrun.runner.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.runner.RunnerMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake's settings, the gate its requests pass and the count of those in flight, with their
 * gauges.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

  @Bean
  WorkflowGate workflowGate(MeterRegistry meters) {
    WorkflowGate gate = new WorkflowGate();
    Gauge.builder(RunnerMetrics.RUNS_WAITING, gate, WorkflowGate::waiting)
        .description("Runs waiting for their workflow's concurrency limit")
        .register(meters);
    return gate;
  }

  @Bean
  InFlightRequests inFlightRequests(MeterRegistry meters) {
    InFlightRequests inFlight = new InFlightRequests();
    Gauge.builder(RunnerMetrics.IN_FLIGHT, inFlight, InFlightRequests::count).register(meters);
    return inFlight;
  }
}
