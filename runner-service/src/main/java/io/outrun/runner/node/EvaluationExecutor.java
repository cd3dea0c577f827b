package io.outrun.runner.node;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads expressions and templates run on, and nothing else: a fixed number of named daemon
 * platform threads ({@code outrun-expression-N}) with a bounded queue. Evaluations used to run on
 * Reactor's parallel scheduler, shared with every timer and timeout of the runner, so one that
 * never ended held a thread the whole runner needed. Here an evaluation holds one of these threads
 * for at most its time limit; cancelling its step interrupts it, which its budget notices; and on
 * shutdown the threads are interrupted and, being daemons, never keep the JVM alive.
 */
final class EvaluationExecutor implements AutoCloseable {

  /** JSONata recurses deeply per expression level; room for max-depth without a stack overflow. */
  private static final long STACK_BYTES = 8L << 20;

  private final ThreadPoolExecutor threads;
  private final Scheduler scheduler;

  EvaluationExecutor(int threads, int queue) {
    this.threads =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queue),
            Thread.ofPlatform()
                .name("outrun-expression-", 1)
                .daemon(true)
                .stackSize(STACK_BYTES)
                .factory(),
            new ThreadPoolExecutor.AbortPolicy());
    this.scheduler = Schedulers.fromExecutorService(this.threads, "outrun-expression");
  }

  /**
   * {@code work} on an expression thread. A full queue fails the Mono with {@code
   * RejectedExecutionException} (see {@link NodeExecutors}); cancelling interrupts the thread.
   */
  <T> Mono<T> run(Supplier<T> work) {
    return Mono.fromSupplier(work).subscribeOn(scheduler);
  }

  /** Interrupts what runs and drops what waits: a run being stopped does not wait for them. */
  @Override
  public void close() {
    scheduler.dispose();
    threads.shutdownNow();
  }
}
