package io.outrun.service.trace;

import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link RequestTraces} for every service, on the propagator Spring Boot configures (W3C trace
 * context); with tracing off ({@code management.tracing.enabled=false}) it adds no headers.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure"
            + ".OpenTelemetryTracingAutoConfiguration")
public class TracingConfiguration {

  @Bean
  RequestTraces requestTraces(ObjectProvider<Propagator> propagator) {
    return new RequestTraces(propagator.getIfAvailable(() -> Propagator.NOOP));
  }
}
