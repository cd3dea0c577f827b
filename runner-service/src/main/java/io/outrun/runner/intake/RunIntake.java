package io.outrun.runner.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.runner.RunnerMetrics;
import io.outrun.runner.engine.RunEngine;
import io.outrun.runner.store.QueuedRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * request's offset is committed once its run has ended in the store and its completion is
 * published, and takes effect only when every earlier request of the partition is committed too: a
 * restart redelivers from the oldest unfinished request.
 *
 * <p>A request that fails because MongoDB or Kafka is unreachable is retried with backoff until
 * they are back. One that keeps failing for another reason goes, after {@code max-attempts}, to the
 * dead-letter topic with the reason, and the partition moves on.
 */
@Component
@EnableConfigurationProperties(IntakeProperties.class)
class RunIntake implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunIntake.class);

  private final EventConsumers consumers;
  private final QueuedRuns runs;
  private final ClaimedPayloads claimed;
  private final RunEngine engine;
  private final IntakeProperties properties;
  private final WorkflowGate gate = new WorkflowGate();
  private final Sinks.Empty<Void> stopping = Sinks.empty();
  private final Sinks.Empty<Void> drained = Sinks.empty();
  private volatile Disposable subscription;

  RunIntake(
      EventConsumers consumers,
      QueuedRuns runs,
      ClaimedPayloads claimed,
      RunEngine engine,
      IntakeProperties properties,
      MeterRegistry meters) {
    this.consumers = consumers;
    this.runs = runs;
    this.claimed = claimed;
    this.engine = engine;
    this.properties = properties;
    Gauge.builder(RunnerMetrics.RUNS_WAITING, gate, WorkflowGate::waiting)
        .description("Runs waiting for their workflow's concurrency limit")
        .register(meters);
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
                            properties.maxInFlight())
                        .receive()))
        .takeUntilOther(stopping.asMono())
        .flatMap(this::handleThenCommit, properties.maxInFlight())
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.retryMinBackoff())
                .maxBackoff(properties.retryMaxBackoff())
                .doBeforeRetry(
                    signal -> log.warn("Run intake failed; restarting it", signal.failure())));
  }

  /**
   * Called in arrival order: the first attempt's ticket is taken before anything else happens to
   * the request. An attempt that fails gives its place up at once, so a request that keeps failing
   * holds its workflow's other runs for one attempt at most; a retry queues again at the back.
   */
  private Mono<Void> handleThenCommit(Delivery<RunRequested> delivery) {
    RunRequested request = delivery.event();
    AttemptTickets tickets = new AttemptTickets(gate, request.workflowId());
    return Mono.using(tickets::next, ticket -> handle(request, ticket), WorkflowGate.Ticket::close)
        .retryWhen(RequestRetries.of(request, properties))
        .onErrorResume(RequestRetries.Unrunnable.class, unrunnable -> refuse(request, unrunnable))
        .then(Mono.defer(delivery::commit))
        .onErrorResume(RequestRetries.GiveUp.class, giveUp -> deadLetter(delivery, giveUp))
        .onErrorResume(
            e -> {
              log.error("Could not commit run request {}", request.eventId(), e);
              return Mono.empty();
            })
        .doFinally(signal -> tickets.closeUnused());
  }

  /**
   * A request without a stored-aside payload, of a workflow without a concurrency limit, is tried
   * the short way first: its run created and started in one write ({@link RunEngine#executeFresh}).
   * Otherwise, or when its run exists already, the run is created or loaded first and looked at as
   * it is.
   */
  private Mono<Void> handle(RunRequested request, WorkflowGate.Ticket ticket) {
    if (request.triggeredBy().payloadRef() != null) {
      return handleStored(request, ticket);
    }
    return engine
        .prepare(runs.fresh(request))
        .flatMap(
            prepared ->
                prepared.concurrency() > 0
                    ? Mono.just(false)
                    : ticket.admit(0).then(Mono.defer(() -> engine.executeFresh(prepared))))
        .flatMap(executed -> executed ? Mono.<Void>empty() : handleStored(request, ticket));
  }

  private Mono<Void> handleStored(RunRequested request, WorkflowGate.Ticket ticket) {
    return claimed
        .createOrLoad(request)
        .flatMap(
            run -> {
              if (run.terminal()) {
                ticket.close();
                return engine.republishCompletion(run);
              }
              return engine
                  .prepare(run)
                  .flatMap(
                      prepared ->
                          ticket
                              .admit(prepared.concurrency())
                              .then(Mono.defer(() -> engine.execute(prepared))));
            });
  }

  /**
   * A request no attempt can run: its run fails with the reason (the 202 that accepted it promised
   * a run), created without its payload if it does not exist yet. Only if even that cannot be
   * stored does the request go to the dead-letter topic.
   */
  private Mono<Void> refuse(RunRequested request, RequestRetries.Unrunnable unrunnable) {
    log.warn("Run {} cannot be run: {}", request.runId(), unrunnable.getMessage());
    return runs.createOrLoadWithoutPayload(request)
        .flatMap(run -> engine.refuse(run, unrunnable.getMessage()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.retryMinBackoff())
                .maxBackoff(properties.retryMaxBackoff())
                .filter(Failures::isOutage))
        .onErrorMap(
            e -> !Failures.isOutage(e),
            e ->
                new RequestRetries.GiveUp(
                    "could not record that the run failed: " + Failures.describe(e), e));
  }

  private Mono<Void> deadLetter(Delivery<RunRequested> delivery, RequestRetries.GiveUp giveUp) {
    log.error("Giving up on run request {}", delivery.event().eventId(), giveUp.getCause());
    return delivery.deadLetter(giveUp.getMessage());
  }
}
