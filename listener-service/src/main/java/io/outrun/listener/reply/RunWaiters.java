package io.outrun.listener.reply;

import io.outrun.events.RunCompleted;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The requests of this replica waiting for their runs to end, by run id, at most {@code
 * max-waiting} at once. A waiter is registered before its run request is published, so its
 * completion cannot slip past; it holds no thread, only a sink that {@link CompletionTail} fills.
 * Two requests naming the same run (a delivery id sent twice at once) share one entry.
 */
@Component
public class RunWaiters {

  private final int max;
  private final boolean allowSetCookie;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Map<String, Entry> byRun = new ConcurrentHashMap<>();
  private final Map<String, Integer> byWorkflow = new ConcurrentHashMap<>();

  public RunWaiters(ReplyProperties properties) {
    this.max = properties.maxWaiting();
    this.allowSetCookie = properties.allowSetCookie();
  }

  /** A request waiting for {@code runId}; empty when {@code max-waiting} requests wait already. */
  public Optional<Waiter> register(String runId, String workflowId) {
    if (waiting.incrementAndGet() > max) {
      waiting.decrementAndGet();
      return Optional.empty();
    }
    Entry entry = byRun.compute(runId, (id, known) -> known == null ? new Entry() : known.join());
    byWorkflow.merge(workflowId, 1, Integer::sum);
    return Optional.of(new Waiter(runId, workflowId, entry.sink.asMono()));
  }

  /** How many requests wait now. */
  public int waiting() {
    return waiting.get();
  }

  /** Whether a request waits for a run of {@code workflowId} (the completions topic's key). */
  boolean wants(String workflowId) {
    return workflowId != null && byWorkflow.containsKey(workflowId);
  }

  /** Hands a completion to the requests waiting for its run, if any. */
  void completed(RunCompleted completion) {
    Entry entry = byRun.get(completion.runId());
    if (entry != null) {
      entry.sink.tryEmitValue(completion);
    }
  }

  private void release(Waiter waiter) {
    byRun.computeIfPresent(waiter.runId, (id, entry) -> entry.leave());
    byWorkflow.computeIfPresent(waiter.workflowId, (id, count) -> count == 1 ? null : count - 1);
    waiting.decrementAndGet();
  }

  /** One waiting request; {@link #close} it however the request ends (answer, timeout, cancel). */
  public final class Waiter implements AutoCloseable {
    private final String runId;
    private final String workflowId;
    private final Mono<RunCompleted> completion;
    private final AtomicInteger closed = new AtomicInteger();

    private Waiter(String runId, String workflowId, Mono<RunCompleted> completion) {
      this.runId = runId;
      this.workflowId = workflowId;
      this.completion = completion;
    }

    /** The answer, once this replica reads the run's completion ({@link RunReplies}). */
    public Mono<RunReply> reply() {
      return completion.map(completed -> RunReplies.of(completed, allowSetCookie));
    }

    @Override
    public void close() {
      if (closed.compareAndSet(0, 1)) {
        release(this);
      }
    }
  }

  /** A run's sink and how many requests wait on it. */
  private static final class Entry {
    private final Sinks.One<RunCompleted> sink = Sinks.one();
    private int refs = 1;

    Entry join() {
      refs++;
      return this;
    }

    Entry leave() {
      refs--;
      return refs == 0 ? null : this;
    }
  }
}
