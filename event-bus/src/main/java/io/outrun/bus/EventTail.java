package io.outrun.bus;

import io.outrun.events.OutrunEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * A process's own reader of what a topic receives from now on ({@link EventConsumers#createTail}):
 * a consumer group of its own (a prefix and a random suffix, so every process reads every record),
 * from the latest offsets, committing nothing, records whose key {@code keys} does not want dropped
 * before they are decoded, reconnecting with backoff after a failure. For waiters that hold no
 * thread (a synchronous webhook's reply, a sub-workflow's child): what a tail misses while it
 * reconnects they must find another way.
 *
 * <p>A tail stops fetching while nobody waits: once {@code anyoneWaits} is false and {@link
 * #ready()} has not been called for {@code idle}, it pauses its partitions, so the broker no longer
 * answers a fetch, and the tail no longer wakes, for every record of the topic that nobody wants
 * (the usual case: most deployments use synchronous webhooks and sub-workflows seldom). A waiter
 * registers first (making {@code anyoneWaits} true) and then awaits {@link #ready()} before its run
 * is requested; a paused tail then moves to the end of its partitions and reads again from there,
 * so nothing written for that run can be missed, and what was written while it was paused, which
 * nobody wanted, is never read. Pausing and resuming are decided under one lock together with
 * {@code anyoneWaits} and run on the consumer's thread in the order they were decided, so a waiter
 * either stops the pause or resumes after it.
 */
public final class EventTail<E extends OutrunEvent> {

  private static final Logger log = LoggerFactory.getLogger(EventTail.class);

  /**
   * The longest a resume waits for the consumer (its thread runs the resume after its current poll,
   * and looks the partitions' ends up at the broker); after it {@link #ready()} completes anyway.
   */
  static final Duration RESUME_WAIT = Duration.ofSeconds(10);

  /** The longest a resume waits for one partition's end. */
  private static final Duration POSITION_WAIT = Duration.ofSeconds(5);

  /**
   * @param description what is read, in log lines ("run completions for synchronous webhooks")
   * @param groupPrefix the consumer group's name before its random suffix
   * @param topic the topic read
   * @param type the events' type
   * @param keys which record keys are decoded and handed on
   * @param anyoneWaits whether anyone waits for a record now; the tail never pauses while true
   * @param idle how long nobody waits and nobody calls {@link #ready()} before the tail pauses
   */
  public record Spec<E extends OutrunEvent>(
      String description,
      String groupPrefix,
      String topic,
      Class<E> type,
      Predicate<String> keys,
      BooleanSupplier anyoneWaits,
      Duration idle) {

    public Spec {
      if (!idle.isPositive()) {
        throw new IllegalArgumentException("a tail's idle time must be positive");
      }
    }
  }

  /** Whether the partitions are fetched: paused by the idle check, resumed by {@link #ready()}. */
  private enum State {
    READING,
    PAUSED,
    RESUMING
  }

  private final EventConsumers consumers;
  private final Spec<E> spec;
  private final String group;
  private final Consumer<E> handler;
  private volatile boolean assigned;
  private volatile Disposable consuming;
  private volatile Disposable idleCheck;
  private volatile EventConsumer<E> consumer;

  /** The partitions this tail paused, changed on the consumer's thread only. */
  private volatile Set<TopicPartition> paused = Set.of();

  private final Object lock = new Object();
  private State state = State.READING;
  private long lastReady = System.nanoTime();
  private Mono<Void> resuming = Mono.empty();

  public EventTail(EventConsumers consumers, Spec<E> spec, Consumer<E> handler) {
    this.consumers = consumers;
    this.spec = spec;
    this.group = spec.groupPrefix() + UUID.randomUUID();
    this.handler = handler;
  }

  public void start() {
    synchronized (lock) {
      lastReady = System.nanoTime();
    }
    consuming =
        Flux.defer(
                () -> {
                  EventConsumer<E> created =
                      consumers.createTail(
                          group, spec.topic(), spec.type(), spec.keys(), this::onAssigned);
                  consumer = created;
                  return created.receive();
                })
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
    idleCheck =
        Flux.interval(spec.idle().dividedBy(2), Schedulers.parallel())
            .subscribe(tick -> pauseIfIdle());
  }

  public void stop() {
    Disposable check = idleCheck;
    idleCheck = null;
    if (check != null) {
      check.dispose();
    }
    Disposable current = consuming;
    consuming = null;
    consumer = null;
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

  /**
   * Completes once the tail reads what its topic receives from now on: at once while it reads; when
   * paused, after it has moved to the end of its partitions and resumed them (callers at the same
   * time share one resume). Call it after registering as a waiter and before the run waited for is
   * requested. A resume that fails (the consumer reconnecting) completes too: the tail reads again
   * once it is assigned partitions, and what it missed meanwhile its waiters find another way, as
   * for any reconnect.
   */
  public Mono<Void> ready() {
    return Mono.defer(
        () -> {
          synchronized (lock) {
            lastReady = System.nanoTime();
            return switch (state) {
              case READING -> Mono.empty();
              case RESUMING -> resuming;
              case PAUSED -> resume();
            };
          }
        });
  }

  /** Whether the tail reads now: it is not paused (nobody waited), nor resuming. */
  public boolean isReading() {
    synchronized (lock) {
      return state == State.READING;
    }
  }

  /**
   * The partitions the consumer holds paused, after every pause and resume decided before; for
   * tests.
   */
  Mono<Set<TopicPartition>> pausedPartitions() {
    EventConsumer<E> current = consumer;
    return current == null
        ? Mono.error(new IllegalStateException("not started"))
        : current.onConsumer(kafka -> Set.copyOf(kafka.paused()));
  }

  /** Called with the lock held. */
  private Mono<Void> resume() {
    state = State.RESUMING;
    Sinks.Empty<Void> done = Sinks.empty();
    resuming = done.asMono();
    EventConsumer<E> current = consumer;
    Mono<Boolean> action =
        current == null
            ? Mono.error(new IllegalStateException("not started"))
            : current.onConsumer(this::readFromEnd);
    // the outcome on a shared thread, so waiters do not continue on the consumer's
    action
        .timeout(RESUME_WAIT)
        .publishOn(Schedulers.parallel())
        .subscribe(read -> {}, error -> resumed(done, error), () -> resumed(done, null));
    return resuming;
  }

  private void resumed(Sinks.Empty<Void> done, Throwable error) {
    synchronized (lock) {
      if (state == State.RESUMING) {
        state = error == null ? State.READING : State.PAUSED;
      }
      lastReady = System.nanoTime();
    }
    if (error != null) {
      log.warn(
          "Tail of {} could not resume; it reads again once its consumer is assigned: {}",
          spec.description(),
          error.toString());
    } else {
      log.debug("Tail of {} resumed", spec.description());
    }
    done.tryEmitEmpty();
  }

  /** On the consumer's thread: to the end of every partition, positioned there, fetching again. */
  private Boolean readFromEnd(org.apache.kafka.clients.consumer.Consumer<String, byte[]> kafka) {
    Set<TopicPartition> partitions = kafka.assignment();
    kafka.seekToEnd(partitions);
    // position() resolves the end now, so a record written after ready() completes is read
    partitions.forEach(partition -> kafka.position(partition, POSITION_WAIT));
    resumePaused(kafka);
    return true;
  }

  private void pauseIfIdle() {
    synchronized (lock) {
      EventConsumer<E> current = consumer;
      if (state != State.READING
          || !assigned
          || current == null
          || System.nanoTime() - lastReady < spec.idle().toNanos()
          || spec.anyoneWaits().getAsBoolean()) {
        return;
      }
      state = State.PAUSED;
      // subscribed under the lock, so the consumer runs it before any resume decided after it
      current
          .onConsumer(this::pauseAll)
          .subscribe(
              partitions ->
                  log.debug(
                      "Tail of {} paused while nobody waits: {}", spec.description(), partitions),
              error ->
                  log.debug(
                      "Tail of {} could not pause: {}", spec.description(), error.toString()));
    }
  }

  /** On the consumer's thread. */
  private Set<TopicPartition> pauseAll(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> kafka) {
    Set<TopicPartition> partitions = Set.copyOf(kafka.assignment());
    kafka.pause(partitions);
    paused = partitions;
    return partitions;
  }

  /** On the consumer's thread: resumes what this tail paused and the consumer still holds. */
  private void resumePaused(org.apache.kafka.clients.consumer.Consumer<String, byte[]> kafka) {
    Set<TopicPartition> held = new HashSet<>(paused);
    held.retainAll(kafka.assignment());
    kafka.resume(held);
    paused = Set.of();
  }

  /**
   * On the consumer's thread, each time partitions are assigned: the tail reads. A new consumer
   * (after a reconnect) fetches its partitions from the start; one whose group rebalanced has its
   * paused partitions paused again by reactor-kafka, so they are resumed here, reading on from
   * where they stopped (their records are dropped by key, as ever).
   */
  private void onAssigned() {
    assigned = true;
    synchronized (lock) {
      if (state == State.READING) {
        return;
      }
      state = State.READING;
      lastReady = System.nanoTime();
      EventConsumer<E> current = consumer;
      if (current != null) {
        current
            .onConsumer(
                kafka -> {
                  resumePaused(kafka);
                  return true;
                })
            .subscribe(
                read -> {},
                error ->
                    log.debug(
                        "Tail of {} could not resume after an assignment: {}",
                        spec.description(),
                        error.toString()));
      }
    }
  }
}
