package io.outrun.runner.intake;

import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.runner.store.QueuedRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Takes run requests from Kafka once the application is ready. Requests are handled concurrently,
 * within a partition too, so a slow workflow never holds up the others; each workflow's runs are
 * admitted in arrival order within its {@code settings.concurrency} ({@link WorkflowGate}). A
 * request is acknowledged once its run has ended in the store and its completion is published, and
 * its offset is committed (every {@code outrun.kafka.commit-interval}) only once every earlier
 * request of the partition is acknowledged too: a restart redelivers from the oldest unfinished
 * request, and the requests acknowledged since the last commit, whose runs are found ended.
 *
 * <p>So that a flood never keeps another workspace's requests unread, the intake reads up to {@code
 * max-in-flight} + {@code max-waiting} requests ahead; those beyond {@code max-in-flight} are held
 * without their payload, their runs stored as queued ({@link Arrivals}). They pass {@link Arrivals}
 * in arrival order, so each workflow's line keeps the order of its partition.
 *
 * <p>Each request is taken to its acknowledgement by the {@link RunRequestHandler}; the consumer
 * itself is restarted with backoff should it fail.
 */
@Component
class RunIntake implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunIntake.class);

  /** Rails of a large window, and the least share of it each rail must get to split it. */
  private static final int RAILS = 16;

  private static final int MIN_RAIL = 64;

  private final EventConsumers consumers;
  private final QueuedRuns runs;
  private final RunRequestHandler requests;
  private final Arrivals arrivals;
  private final IntakeProperties properties;
  private final Sinks.Empty<Void> stopping = Sinks.empty();
  private final Sinks.Empty<Void> drained = Sinks.empty();
  private volatile Disposable subscription;

  RunIntake(
      EventConsumers consumers,
      QueuedRuns runs,
      RunRequestHandler requests,
      Arrivals arrivals,
      IntakeProperties properties) {
    this.consumers = consumers;
    this.runs = runs;
    this.requests = requests;
    this.arrivals = arrivals;
    this.properties = properties;
  }

  @Override
  public void start() {
    if (subscription == null) {
      subscription = intake().doFinally(signal -> drained.tryEmitEmpty()).subscribe();
    }
  }

  @Override
  public boolean isRunning() {
    return subscription != null && !subscription.isDisposed();
  }

  /**
   * Stops taking requests first of all beans, gives the runs in progress {@code shutdown-grace} to
   * end, then cancels the rest: their leases are released and another runner resumes them.
   */
  @Override
  public void stop(Runnable callback) {
    Disposable running = subscription;
    if (running == null || running.isDisposed()) {
      callback.run();
      return;
    }
    stopping.tryEmitEmpty();
    drained
        .asMono()
        .timeout(
            properties.shutdownGrace(),
            Mono.fromRunnable(
                () -> {
                  log.info("Cancelling the runs still in progress; another runner resumes them");
                  running.dispose();
                }))
        .doFinally(signal -> callback.run())
        .subscribe();
  }

  @Override
  public void stop() {
    stop(() -> {});
  }

  /**
   * Holds each arrived request until it is acknowledged, at most the window at once. A large window
   * is split into rails, each holding its share: the end of a held request has Reactor's {@code
   * flatMap} look over every slot it ever held (at the default window of 11,024, a pass over up to
   * 16,384 slots per run, about 6 % of the stack's CPU while the runner drained a backlog); 16
   * rails of 689 look over 1,024 at most (a window 16 does not divide loses its remainder). A rail
   * whose requests are all held takes no more, the others do. A small window is one {@code
   * flatMap}, which holds exactly as many.
   */
  private Flux<Void> hold(Flux<Arrived> arrived) {
    int window = properties.window();
    if (window < RAILS * MIN_RAIL) {
      return arrived.flatMap(this::held, window);
    }
    return arrived.parallel(RAILS, 1).flatMap(this::held, false, window / RAILS).sequential();
  }

  private Mono<Void> held(Arrived arrived) {
    return arrivals.held(requests.handleThenAcknowledge(arrived));
  }

  Flux<Void> intake() {
    return runs.createIndexes()
        .thenMany(
            Flux.defer(
                () ->
                    consumers
                        .createUnordered(
                            properties.consumerGroup(),
                            Topics.RUN_REQUESTS,
                            RunRequested.class,
                            properties.window())
                        .receive()))
        .takeUntilOther(stopping.asMono())
        .flatMapSequential(arrivals::arrive, Arrivals.concurrency())
        .transform(this::hold)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.retryMinBackoff())
                .maxBackoff(properties.retryMaxBackoff())
                .doBeforeRetry(
                    signal -> log.warn("Run intake failed; restarting it", signal.failure())));
  }
}
