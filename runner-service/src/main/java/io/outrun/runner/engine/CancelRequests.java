package io.outrun.runner.engine;

import io.outrun.runner.store.CancelFlags;
import io.outrun.runner.store.RunDocument;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Cancel requests reach the runner executing a run: trigger-api marks the run {@code
 * cancelRequested}, and every runner follows that through one change stream on {@code runs}. The
 * runner executing the run stops it; the others ignore the signal. A runner watches a run from
 * before it starts it, so a flag set after the start is seen through the stream, and one set before
 * it is in the started run's document.
 */
@Component
class CancelRequests implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CancelRequests.class);
  private final CancelFlags flags;
  private final Map<String, Sinks.Empty<Void>> watched = new ConcurrentHashMap<>();
  private volatile Disposable stream;

  CancelRequests(CancelFlags flags) {
    this.flags = flags;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (stream == null) {
      stream = follow().subscribe();
    }
  }

  @Override
  public void destroy() {
    if (stream != null) {
      stream.dispose();
    }
  }

  /**
   * Watches {@code runId} while {@code execution} runs, which gets a signal that completes once
   * cancelling the run is requested through the change stream.
   */
  <T> Mono<T> watching(String runId, Function<Mono<Void>, Mono<T>> execution) {
    return Mono.usingWhen(
        Mono.fromSupplier(
            () -> {
              Sinks.Empty<Void> signal = Sinks.empty();
              watched.put(runId, signal);
              return signal;
            }),
        signal -> execution.apply(signal.asMono()),
        signal -> Mono.fromRunnable(() -> watched.remove(runId, signal)));
  }

  /** Completes when cancelling {@code run} is requested: at once if its document says so. */
  static Mono<Void> requested(RunDocument run, Mono<Void> signal) {
    return Boolean.TRUE.equals(run.cancelRequested()) ? Mono.empty() : signal;
  }

  private Flux<String> follow() {
    return flags
        .flagged()
        .doOnNext(
            runId -> {
              Sinks.Empty<Void> signal = watched.get(runId);
              if (signal != null) {
                signal.tryEmitEmpty();
              }
            })
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(
                    signal ->
                        log.warn("Cancel-request stream failed; reopening", signal.failure())));
  }
}
