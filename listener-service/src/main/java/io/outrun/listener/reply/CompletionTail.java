package io.outrun.listener.reply;

import io.outrun.bus.EventConsumers;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Reads {@code outrun.run-completions} for the requests of this replica that wait ({@link
 * RunWaiters}): a consumer group of its own ({@value #GROUP_PREFIX} and a random suffix), so every
 * replica reads every completion, from the latest offsets, committing nothing. Records of workflows
 * no request waits for are dropped by key before they are decoded. Nothing is lost by not
 * committing: a request waits only for runs requested after the consumer was positioned, and one
 * that misses its completion (this consumer reconnecting) answers 202 at its timeout.
 */
@Component
class CompletionTail implements SmartLifecycle {

  static final String GROUP_PREFIX = "outrun-listener-replies-";

  private static final Logger log = LoggerFactory.getLogger(CompletionTail.class);

  private final EventConsumers consumers;
  private final RunWaiters waiters;
  private final String group = GROUP_PREFIX + UUID.randomUUID();
  private volatile boolean assigned;
  private volatile Disposable consuming;

  CompletionTail(EventConsumers consumers, RunWaiters waiters) {
    this.consumers = consumers;
    this.waiters = waiters;
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
                            waiters::wants,
                            () -> assigned = true)
                        .receive())
            .doOnNext(delivery -> waiters.completed(delivery.event()))
            .doOnError(e -> log.warn("Run completions tail failed; reconnecting: {}", e.toString()))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  /** Whether the consumer has been positioned on its partitions (requests can rely on it). */
  boolean isAssigned() {
    return assigned;
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
