package io.outrun.bus;

import io.outrun.events.OutrunEvent;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * A process's own reader of what a topic receives from now on ({@link EventConsumers#createTail}):
 * a consumer group of its own (a prefix and a random suffix, so every process reads every record),
 * from the latest offsets, committing nothing, records whose key {@code keys} does not want dropped
 * before they are decoded, reconnecting with backoff after a failure. For waiters that hold no
 * thread (a synchronous webhook's reply, a sub-workflow's child): what a tail misses while it
 * reconnects they must find another way.
 */
public final class EventTail<E extends OutrunEvent> {

  private static final Logger log = LoggerFactory.getLogger(EventTail.class);

  /**
   * @param description what is read, in log lines ("run completions for synchronous webhooks")
   * @param groupPrefix the consumer group's name before its random suffix
   * @param topic the topic read
   * @param type the events' type
   * @param keys which record keys are decoded and handed on
   */
  public record Spec<E extends OutrunEvent>(
      String description,
      String groupPrefix,
      String topic,
      Class<E> type,
      Predicate<String> keys) {}

  private final EventConsumers consumers;
  private final Spec<E> spec;
  private final String group;
  private final Consumer<E> handler;
  private volatile boolean assigned;
  private volatile Disposable consuming;

  public EventTail(EventConsumers consumers, Spec<E> spec, Consumer<E> handler) {
    this.consumers = consumers;
    this.spec = spec;
    this.group = spec.groupPrefix() + UUID.randomUUID();
    this.handler = handler;
  }

  public void start() {
    consuming =
        Flux.defer(
                () ->
                    consumers
                        .createTail(
                            group, spec.topic(), spec.type(), spec.keys(), () -> assigned = true)
                        .receive())
            .doOnNext(delivery -> handler.accept(delivery.event()))
            .doOnError(
                e ->
                    log.warn(
                        "Tail of {} failed; reconnecting: {}", spec.description(), e.toString()))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true))
            .subscribe();
  }

  public void stop() {
    Disposable current = consuming;
    consuming = null;
    if (current != null) {
      current.dispose();
    }
  }

  public boolean isRunning() {
    return consuming != null;
  }

  /** Whether the consumer has been positioned on its partitions at least once. */
  public boolean isAssigned() {
    return assigned;
  }
}
