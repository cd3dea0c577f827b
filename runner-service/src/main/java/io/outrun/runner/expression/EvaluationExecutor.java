package io.outrun.runner.expression;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads expressions and templates run on, and nothing else: named daemon platform threads
 * with bounded queues, in two lanes. Every evaluation starts on {@code outrun-expr-N} with a slice
 * of CPU time ({@code slice}); one that needs more starts over on {@code outrun-expr-long-N}
 * ({@code long-threads}), its time limit still counted from its first start. So a runaway holds a
 * short-lane thread for a slice at most, and all the runaways together get no more cores than there
 * are long-lane threads, while everyone else's expressions keep their threads. (Evaluations used to
 * run on Reactor's parallel scheduler, which every timer and timeout of the runner shares: one that
 * never ended held a thread the whole runner needed.) Evaluation has no side effects, so starting
 * one over is safe.
 *
 * <p>Cancelling a step interrupts its thread, which its budget notices; on shutdown the threads are
 * interrupted and, being daemons, never keep the JVM alive.
 */
public final class EvaluationExecutor implements AutoCloseable {

  /** JSONata recurses deeply per expression level; room for max-depth without a stack overflow. */
  private static final long STACK_BYTES = 8L << 20;

  private final ThreadPoolExecutor shortThreads;
  private final ThreadPoolExecutor longThreads;
  private final Scheduler shortLane;
  private final Scheduler longLane;

  EvaluationExecutor(ExpressionProperties properties) {
    this.shortThreads = pool("outrun-expr-", properties.threads(), properties.queue());
    this.longThreads = pool("outrun-expr-long-", properties.longThreads(), properties.queue());
    this.shortLane = Schedulers.fromExecutorService(shortThreads, "outrun-expr");
    this.longLane = Schedulers.fromExecutorService(longThreads, "outrun-expr-long");
  }

  /**
   * {@code work} on the expression threads. A full queue fails the Mono with {@code
   * RejectedExecutionException} (the node executors fail the step retryably); cancelling interrupts
   * the thread.
   */
  public <T> Mono<T> run(Supplier<T> work) {
    AtomicLong started = new AtomicLong();
    return Mono.fromSupplier(
            () -> {
              started.set(System.nanoTime());
              return new EvaluationLane(started.get(), true).run(work);
            })
        .subscribeOn(shortLane)
        .onErrorResume(
            SliceUsed.class,
            used ->
                Mono.fromSupplier(() -> new EvaluationLane(started.get(), false).run(work))
                    .subscribeOn(longLane));
  }

  /** Interrupts what runs and drops what waits: a runner being stopped does not wait for them. */
  @Override
  public void close() {
    shortLane.dispose();
    longLane.dispose();
    shortThreads.shutdownNow();
    longThreads.shutdownNow();
  }

  private static ThreadPoolExecutor pool(String name, int threads, int queue) {
    return new Lane(
        threads, queue, Thread.ofPlatform().name(name, 1).daemon(true).stackSize(STACK_BYTES));
  }

  /**
   * A fixed pool whose hand-off never blocks the submitting thread, which may be a Reactor or Netty
   * thread: its threads are started up front and its queue is lock-free; the bound on waiting tasks
   * is a counter.
   */
  private static final class Lane extends ThreadPoolExecutor {

    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;

    private Lane(int threads, int capacity, Thread.Builder.OfPlatform builder) {
      super(
          threads,
          threads,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedTransferQueue<>(),
          builder.factory());
      this.capacity = capacity;
      prestartAllCoreThreads();
    }

    @Override
    public void execute(Runnable task) {
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        throw new RejectedExecutionException(capacity + " evaluations are waiting already");
      }
      super.execute(task);
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
      waiting.decrementAndGet();
    }
  }
}
