package io.outrun.service.trace;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The trace a run request belongs to, as Kafka record headers. Read from the Reactor context of the
 * pipeline that publishes the request, explicitly (no thread-local propagation): an upstream run's
 * {@code traceparent} put there with {@link #continuing} (a dependency start), else the span of the
 * HTTP request being handled (WebFlux's server observation, which continues an incoming {@code
 * traceparent}), else none: a schedule or data-change start, whose run the runner begins a new
 * trace for.
 */
public final class RequestTraces {

  private static final String UPSTREAM = RequestTraces.class.getName() + ".upstream";

  private final Propagator propagator;

  public RequestTraces(Propagator propagator) {
    this.propagator = propagator;
  }

  /** A context in which a published run request continues the trace of {@code traceparent}. */
  public static Context continuing(String traceparent) {
    return Context.of(UPSTREAM, traceparent);
  }

  /** The headers that put a run request published in this pipeline in its trace. */
  public Mono<Map<String, String>> current() {
    return Mono.deferContextual(context -> Mono.just(headers(context)));
  }

  private Map<String, String> headers(ContextView context) {
    String upstream = context.getOrDefault(UPSTREAM, null);
    if (upstream != null && TraceHeaders.traceIdOf(upstream).isPresent()) {
      return Map.of(TraceHeaders.TRACEPARENT, upstream);
    }
    Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    TracingContext tracing =
        observation == null ? null : observation.getContextView().get(TracingContext.class);
    Span span = tracing == null ? null : tracing.getSpan();
    if (span == null || span.isNoop()) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(span.context(), headers, Map::put);
    return headers;
  }
}
