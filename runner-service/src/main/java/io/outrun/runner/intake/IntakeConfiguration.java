package io.outrun.runner.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.runner.RunnerMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intake's settings and the gate its requests pass, with the gauge of runs waiting at it. */
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
}
