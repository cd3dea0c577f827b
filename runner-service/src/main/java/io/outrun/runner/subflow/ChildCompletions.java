package io.outrun.runner.subflow;

import io.outrun.bus.EventConsumers;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The child runs this runner's {@code sub_workflow} nodes wait for, completed from {@code
 * outrun.run-completions} as the listener's synchronous webhooks are (ADR 0006): a consumer group
 * of this process's own ({@value #GROUP_PREFIX} and a random suffix), from the latest offsets,
 * committing nothing, records of workflows nobody waits for dropped by key before they are decoded.
 * A waiter holds no thread, only a sink. What this tail misses (a completion published before it
 * was positioned, or while it reconnects) the waiting node finds in the child's run document
 * ({@link SubWorkflows}).
 */
@Component
class ChildCompletions implements SmartLifecycle {

  static final String GROUP_PREFIX = "outrun-runner-children-";

  private static final Logger log = LoggerFactory.getLogger(ChildCompletions.class);

  private final EventConsumers consumers;
  private final String group = GROUP_PREFIX + UUID.randomUUID();
  private final Map<String, Sinks.One<RunCompleted>> byRun = new ConcurrentHashMap<>();
  private final Map<String, Integer> byWorkflow = new ConcurrentHashMap<>();
  private volatile Disposable consuming;

  ChildCompletions(EventConsumers consumers) {
    this.consumers = consumers;
  }

  /**
   * The completion of child run {@code runId} of {@code workflowId}, once read; registered on
   * subscription and released however the wait ends. One waiter per run (a node attempt).
   */
  Mono<RunCompleted> completion(String runId, String workflowId) {
    return Mono.defer(
        () -> {
          Sinks.One<RunCompleted> sink = Sinks.one();
          byRun.put(runId, sink);
          byWorkflow.merge(workflowId, 1, Integer::sum);
          return sink.asMono()
              .doFinally(
                  signal -> {
                    byRun.remove(runId, sink);
                    byWorkflow.computeIfPresent(workflowId, (id, n) -> n == 1 ? null : n - 1);
                  });
        });
  }

  private boolean wants(String workflowId) {
    return workflowId != null && byWorkflow.containsKey(workflowId);
  }

  private void completed(RunCompleted completion) {
    Sinks.One<RunCompleted> sink = byRun.get(completion.runId());
    if (sink != null) {
      sink.tryEmitValue(completion);
    }
  }

  @Override
  public void start() {
    consuming =
        Flux.defer(
                () ->
                    consumers
                        .createTail(
                            group,
                            Topics.RUN_COMPLETIONS,
                            RunCompleted.class,
                            this::wants,
                            () -> {})
                        .receive())
            .doOnNext(delivery -> completed(delivery.event()))
            .doOnError(
                e -> log.warn("Child completions tail failed; reconnecting: {}", e.toString()))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = consuming;
    consuming = null;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return consuming != null;
  }
}
