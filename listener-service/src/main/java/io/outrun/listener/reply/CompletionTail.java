package io.outrun.listener.reply;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventTail;
import io.outrun.events.RunCompleted;
import io.outrun.events.Topics;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads {@code outrun.run-completions} for the requests of this replica that wait ({@link
 * RunWaiters}): a consumer group of its own ({@value #GROUP_PREFIX} and a random suffix), so every
 * replica reads every completion, from the latest offsets, committing nothing. Records of workflows
 * no request waits for are dropped by key before they are decoded. Nothing is lost by not
 * committing: a request waits only for runs requested after the consumer was positioned, and one
 * that misses its completion (this consumer reconnecting) answers 202 at its timeout. While no
 * request waits for {@code tail-idle} the consumer pauses; a request awaits {@link #ready()} before
 * its run is requested ({@link EventTail}).
 */
@Component
class CompletionTail implements SmartLifecycle, CompletionsReady {

  static final String GROUP_PREFIX = "outrun-listener-replies-";

  private final EventTail<RunCompleted> tail;

  CompletionTail(EventConsumers consumers, RunWaiters waiters, ReplyProperties properties) {
    this.tail =
        new EventTail<>(
            consumers,
            new EventTail.Spec<>(
                "run completions for waiting webhooks",
                GROUP_PREFIX,
                Topics.RUN_COMPLETIONS,
                RunCompleted.class,
                waiters::wants,
                () -> waiters.waiting() > 0,
                properties.tailIdle()),
            waiters::completed);
  }

  @Override
  public void start() {
    tail.start();
  }

  /** Whether the consumer has been positioned on its partitions (requests can rely on it). */
  boolean isAssigned() {
    return tail.isAssigned();
  }

  /** Whether completions are read now (the reader is not paused while no request waits). */
  boolean isReading() {
    return tail.isReading();
  }

  @Override
  public Mono<Void> ready() {
    return tail.ready();
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
