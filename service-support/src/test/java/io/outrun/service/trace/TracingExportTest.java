package io.outrun.service.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Trace export is configuration: without an OTLP endpoint no span exporter exists (so nothing is
 * sent anywhere); with one, spans go to it. Run requests are traced either way.
 */
class TracingExportTest {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  org.springframework.boot.opentelemetry.autoconfigure
                      .OpenTelemetrySdkAutoConfiguration.class,
                  org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure
                      .OpenTelemetryTracingAutoConfiguration.class,
                  org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp
                      .OtlpTracingAutoConfiguration.class,
                  org.springframework.boot.micrometer.tracing.autoconfigure
                      .MicrometerTracingAutoConfiguration.class,
                  TracingConfiguration.class));

  @Test
  void withoutAnEndpointNothingIsExportedButRequestsAreTraced() {
    contexts.run(
        context -> {
          assertThat(context).hasSingleBean(Tracer.class).hasSingleBean(RequestTraces.class);
          assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        });
  }

  @Test
  void anOtlpEndpointTurnsExportOn() {
    contexts
        .withPropertyValues(
            "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:1/v1/traces")
        .run(context -> assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class));
  }
}
