package io.outrun.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs a flush every interval, one at a time (a slow flush makes the next tick wait, never run
 * alongside), and once more on {@link #stop}: what buffers in memory ({@code TriggerActivity},
 * {@code WebhookLogs}) use it to write in batches. The flush must not fail.
 */
public final class PeriodicFlush {

  private record Running(Sinks.One<Boolean> stop, CompletableFuture<Void> done) {}

  private final Duration interval;
  private final Supplier<Mono<Void>> flush;
  private volatile Running running;

  public PeriodicFlush(Duration interval, Supplier<Mono<Void>> flush) {
    this.interval = interval;
    this.flush = flush;
  }

  public void start() {
    Sinks.One<Boolean> stop = Sinks.one();
    CompletableFuture<Void> done =
        Flux.interval(interval)
            .onBackpressureDrop()
            .takeUntilOther(stop.asMono())
            .concatMap(tick -> flush.get())
            .then(Mono.defer(flush))
            .toFuture();
    running = new Running(stop, done);
  }

  /**
   * Lets a flush under way finish, then flushes what remains, waiting at most {@code timeout}.
   * False if that took longer (the last flush goes on in the background).
   */
  public boolean stop(Duration timeout) {
    Running current = running;
    running = null;
    if (current == null) {
      return true;
    }
    current.stop().tryEmitValue(true);
    try {
      current.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean isRunning() {
    return running != null;
  }
}
