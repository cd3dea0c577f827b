package io.outrun.bench;

import io.outrun.bench.RunLedger.Phase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests runs at a fixed rate whatever happens to earlier ones (open loop), on one thread that
 * only schedules: the requests are asynchronous, at most {@code connections} in flight. A run due
 * while every connection is busy is not sent and counts as shed, so the offered rate stays honest.
 * Workflows take turns.
 */
final class OpenLoopLoad {

  private final OutrunApi api;
  private final List<String> workflowIds;
  private final Semaphore inFlight;
  private final RunLedger ledger;
  private final CompletionWatcher watcher;

  OpenLoopLoad(
      OutrunApi api,
      List<String> workflowIds,
      int connections,
      RunLedger ledger,
      CompletionWatcher watcher) {
    this.api = api;
    this.workflowIds = workflowIds;
    this.inFlight = new Semaphore(connections);
    this.ledger = ledger;
    this.watcher = watcher;
  }

  /**
   * Starts offering {@code rate} runs per second: the first {@code warmupSeconds} as {@link
   * Phase#WARMUP}, the next {@code seconds} as {@code phase}. Returns the thread doing it.
   */
  Thread start(int rate, int warmupSeconds, int seconds, Phase phase) {
    return Thread.ofPlatform()
        .name("bench-load")
        .start(() -> offer(rate, warmupSeconds, seconds, phase));
  }

  private void offer(int rate, int warmupSeconds, int seconds, Phase phase) {
    long start = System.nanoTime();
    long total = (long) rate * (warmupSeconds + seconds);
    long warmupRuns = (long) rate * warmupSeconds;
    for (long i = 0; i < total; i++) {
      long due = start + i * TimeUnit.SECONDS.toNanos(1) / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String workflowId = workflowIds.get((int) (i % workflowIds.size()));
      send(workflowId, i < warmupRuns ? Phase.WARMUP : phase);
    }
  }

  private void send(String workflowId, Phase phase) {
    ledger.offered();
    if (!inFlight.tryAcquire()) {
      ledger.shed();
      return;
    }
    long sentNanos = System.nanoTime();
    api.requestRun(workflowId)
        .whenComplete(
            (response, failure) -> {
              inFlight.release();
              answered(response, failure, sentNanos, phase);
            });
  }

  private void answered(
      HttpResponse<String> response, Throwable failure, long sentNanos, Phase phase) {
    if (failure != null) {
      ledger.rejected(failure.toString());
    } else if (response.statusCode() != 202) {
      ledger.rejected(response.statusCode() + " " + response.body());
    } else {
      ledger.accepted();
      watcher.watch(OutrunApi.field(response.body(), "runId"), sentNanos, phase);
    }
  }
}
