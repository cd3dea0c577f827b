package io.outrun.runner.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The span of one run's handling ({@code outrun.run}), carried explicitly in the Reactor context of
 * the pipeline that handles the run ({@link #in}), not through thread locals: steps open their
 * child spans from it ({@link #step}), and the run's completion carries it in its headers ({@link
 * #headers}). Spans are named by kind only; run, workflow and node ids are attributes.
 */
public final class RunSpan {

  public static final String RUN = "outrun.run";
  public static final String STEP = "outrun.step";
  public static final String RUN_ID = "outrun.run.id";
  public static final String WORKFLOW_ID = "outrun.workflow.id";
  public static final String NODE_ID = "outrun.node.id";
  public static final String NODE_TYPE = "outrun.node.type";

  /** The MDC keys of a log line written while handling a run. */
  public static final String MDC_TRACE_ID = "traceId";

  public static final String MDC_RUN_ID = "runId";

  private static final Object KEY = RunSpan.class;

  private final Span span;
  private final Tracer tracer;
  private final Propagator propagator;

  RunSpan(Span span, Tracer tracer, Propagator propagator) {
    this.span = span;
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** The run's trace id; null when tracing is off. */
  public String traceId() {
    String traceId = span.context().traceId();
    return traceId == null || traceId.isEmpty() ? null : traceId;
  }

  /** The Reactor context of the run's pipeline, carrying this span. */
  public Context into(Context context) {
    return context.put(KEY, this);
  }

  /** The span of the run whose pipeline this is, if any. */
  public static Optional<RunSpan> in(ContextView context) {
    return context.getOrEmpty(KEY);
  }

  /** Ends the span; {@code error} marks a handling that failed. */
  public void end(Throwable error) {
    if (error != null) {
      span.error(error);
    }
    span.end();
  }

  /** W3C trace context headers naming this span: what a record the run causes carries. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(span.context(), headers, Map::put);
    return headers;
  }

  /** {@code step} in a child span of the run's span of the pipeline, if it has one. */
  public static <T> Mono<T> step(String nodeType, String nodeId, Mono<T> step) {
    return Mono.deferContextual(
        context -> in(context).map(run -> run.child(nodeType, nodeId, step)).orElse(step));
  }

  private <T> Mono<T> child(String nodeType, String nodeId, Mono<T> step) {
    return Mono.defer(
        () -> {
          Span child =
              tracer
                  .nextSpan(span)
                  .name(STEP)
                  .tag(NODE_TYPE, nodeType)
                  .tag(NODE_ID, nodeId)
                  .start();
          return step.doOnError(child::error).doFinally(signal -> child.end());
        });
  }

  /**
   * Puts the trace and run id in the MDC of the calling thread until closed: wrap a log line about
   * a run in it, {@code try (var mdc = RunSpan.logging(run.traceId(), run.id())) { log... }}.
   */
  public static MdcScope logging(String traceId, String runId) {
    if (traceId != null) {
      MDC.put(MDC_TRACE_ID, traceId);
    }
    MDC.put(MDC_RUN_ID, runId);
    return new MdcScope();
  }

  /** Takes the run's keys off the MDC again. */
  public static final class MdcScope implements AutoCloseable {

    private MdcScope() {}

    @Override
    public void close() {
      MDC.remove(MDC_TRACE_ID);
      MDC.remove(MDC_RUN_ID);
    }
  }
}
