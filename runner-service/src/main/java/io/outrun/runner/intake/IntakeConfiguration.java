package io.outrun.runner.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.runner.RunnerMetrics;
import io.outrun.service.quota.WorkspaceQuotas;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake's settings, the gates its requests pass (workflow line, then fair queue) and the count
 * of those in flight, with their gauges.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, QuotaProperties.class})
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
  Admission admission(
      WorkflowGate gate,
      IntakeProperties intake,
      QuotaProperties quotas,
      WorkspaceQuotas overrides,
      MeterRegistry meters) {
    FairQueue fair = new FairQueue(intake.maxRunning());
    Gauge.builder(RunnerMetrics.ADMISSION_WAITING, fair, FairQueue::waitingForRunner)
        .description("Runs waiting for a place in this runner, their workspace under its quota")
        .tag(RunnerMetrics.WORKSPACE_CLASS, RunnerMetrics.UNDER_QUOTA)
        .register(meters);
    Gauge.builder(RunnerMetrics.ADMISSION_WAITING, fair, FairQueue::waitingAtWorkspaceLimit)
        .description("Runs waiting because their workspace runs its concurrent-runs quota")
        .tag(RunnerMetrics.WORKSPACE_CLASS, RunnerMetrics.AT_QUOTA)
        .register(meters);
    return new Admission(gate, fair, Admission.concurrentRuns(overrides, quotas.concurrentRuns()));
  }

  @Bean
  InFlightRequests inFlightRequests(MeterRegistry meters) {
    InFlightRequests inFlight = new InFlightRequests();
    Gauge.builder(RunnerMetrics.IN_FLIGHT, inFlight, InFlightRequests::count).register(meters);
    return inFlight;
  }
}
