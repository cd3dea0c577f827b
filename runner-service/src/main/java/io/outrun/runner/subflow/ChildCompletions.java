package io.outrun.runner.subflow;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventTail;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The child runs this runner's {@code sub_workflow} nodes wait for, completed from {@code
 * outrun.run-completions} as the listener's synchronous webhooks are (ADR 0006): a consumer group
 * of this process's own ({@value #GROUP_PREFIX} and a random suffix), from the latest offsets,
 * committing nothing, records of workflows nobody waits for dropped by key before they are decoded.
 * A waiter holds no thread, only a sink. What this tail misses (a completion published before it
 * was positioned, or while it reconnects) the waiting node finds in the child's run document
 * ({@link SubWorkflows}). While no node waits for {@code tail-idle} the tail pauses; a node awaits
 * {@link #ready()} after registering and before its child is requested ({@link EventTail}).
 */
@Component
class ChildCompletions implements SmartLifecycle {

  static final String GROUP_PREFIX = "outrun-runner-children-";

  private final Map<String, Sinks.One<RunCompleted>> byRun = new ConcurrentHashMap<>();
  private final Map<String, Integer> byWorkflow = new ConcurrentHashMap<>();
  private final EventTail<RunCompleted> tail;

  ChildCompletions(EventConsumers consumers, SubWorkflowProperties properties) {
    this.tail =
        new EventTail<>(
            consumers,
            new EventTail.Spec<>(
                "child run completions",
                GROUP_PREFIX,
                Topics.RUN_COMPLETIONS,
                RunCompleted.class,
                this::wants,
                () -> !byRun.isEmpty(),
                properties.tailIdle()),
            this::completed);
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

  /**
   * Completes once completions written from now on are read: at once unless the tail is paused
   * (nobody waited for {@code tail-idle}). Await it after subscribing to {@link #completion} and
   * before the child is requested.
   */
  Mono<Void> ready() {
    return tail.ready();
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
    tail.start();
  }

  @Override
  public void stop() {
    tail.stop();
  }

  @Override
  public boolean isRunning() {
    return tail.isRunning();
  }
}
