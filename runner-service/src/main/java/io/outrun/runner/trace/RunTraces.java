package io.outrun.runner.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.outrun.bus.Delivery;
import io.outrun.events.RunRequested;
import io.outrun.service.trace.TraceHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Opens the span of a run's handling: a child of the request's {@code traceparent} (the HTTP
 * request, webhook or upstream run that caused it), or the root of a new trace when the request has
 * none (a schedule or data-change start). With tracing off, spans are no-ops and runs have no trace
 * id.
 */
@Component
public class RunTraces {

  private final Tracer tracer;
  private final Propagator propagator;

  RunTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
  }

  /** Starts the span of handling {@code delivery}'s run request. */
  public RunSpan start(Delivery<RunRequested> delivery) {
    RunRequested request = delivery.event();
    Span.Builder builder =
        delivery
            .header(TraceHeaders.TRACEPARENT)
            .filter(traceparent -> TraceHeaders.traceIdOf(traceparent).isPresent())
            .map(
                traceparent ->
                    propagator.extract(
                        traceparent,
                        (carrier, key) -> key.equals(TraceHeaders.TRACEPARENT) ? carrier : null))
            .orElseGet(() -> tracer.spanBuilder().setNoParent());
    Span span =
        builder
            .name(RunSpan.RUN)
            .kind(Span.Kind.CONSUMER)
            .tag(RunSpan.RUN_ID, request.runId())
            .tag(RunSpan.WORKFLOW_ID, request.workflowId())
            .start();
    return new RunSpan(span, tracer, propagator);
  }
}
