package io.outrun.runner.intake;

import io.outrun.bus.Delivery;
import io.outrun.events.RunRequested;
import io.outrun.runner.engine.RunEngine;
import io.outrun.runner.intake.RequestRetries.GiveUp;
import io.outrun.runner.intake.RequestRetries.Unrunnable;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.trace.RunSpan;
import io.outrun.runner.trace.RunTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes one run request to its acknowledgement: its run is created or loaded ({@link
 * ClaimedPayloads}), waits its turn ({@link Admission}: its workflow's line, then its workspace's
 * in the fair queue) and is executed, or its completion is published again if it has ended. A
 * failed attempt is retried as {@link RequestRetries} says; a request no attempt can run fails its
 * run with the reason; only a request whose failed run cannot even be recorded, or whose run id
 * another request holds, goes to the dead-letter topic. A request whose partition went to another
 * runner at a rebalance before its turn came is let go unacknowledged ({@link
 * Admission.HandedOver}): the partition's new owner has it.
 *
 * <p>The handling is one span ({@link RunTraces}) in the trace of the request's {@code
 * traceparent}, carried in the Reactor context down to the steps and the completion; the run is
 * stored with its trace id.
 */
@Component
class RunRequestHandler {

  private static final Logger log = LoggerFactory.getLogger(RunRequestHandler.class);

  private final ClaimedPayloads claimed;
  private final RunEngine engine;
  private final Admission admission;
  private final RequestRetries retries;
  private final RunTraces traces;

  RunRequestHandler(
      ClaimedPayloads claimed,
      RunEngine engine,
      Admission admission,
      IntakeProperties properties,
      RunTraces traces) {
    this.claimed = claimed;
    this.engine = engine;
    this.admission = admission;
    this.retries = new RequestRetries(properties);
    this.traces = traces;
  }

  /**
   * Called in arrival order: the first attempt's ticket is taken before anything else happens to
   * the request. An attempt that fails gives its place up at once, so a request that keeps failing
   * holds its workflow's other runs for one attempt at most; a retry queues again at the back.
   */
  Mono<Void> handleThenAcknowledge(Arrived arrived) {
    Delivery<RunRequested> delivery = arrived.delivery();
    RunRequested request = delivery.event();
    AttemptTickets tickets =
        new AttemptTickets(
            admission, request.workspaceId(), request.workflowId(), delivery::handedOver);
    RunSpan span = traces.start(delivery);
    String traceId = span.traceId();
    return Mono.using(
            tickets::next,
            ticket ->
                arrived.stored()
                    ? handleWaiting(request, traceId, ticket)
                    : handle(request, traceId, ticket),
            Admission.Ticket::close)
        .retryWhen(retries.of(request))
        .onErrorResume(Unrunnable.class, unrunnable -> refuse(request, traceId, unrunnable))
        .then(Mono.<Void>fromRunnable(delivery::acknowledge))
        .onErrorResume(GiveUp.class, giveUp -> deadLetter(delivery, giveUp))
        .onErrorResume(Admission.HandedOver.class, handedOver -> letGo(request))
        .onErrorResume(
            e -> {
              log.error("Could not handle run request {}", request.eventId(), e);
              return Mono.empty();
            })
        .doFinally(
            signal -> {
              tickets.closeUnused();
              span.end(null);
            })
        .contextWrite(span::into);
  }

  /**
   * A request without a stored-aside payload, of a workflow without a concurrency limit, is tried
   * the short way first: its run created and started in one write ({@link RunEngine#executeFresh}).
   * Otherwise, or when its run exists already, the run is created or loaded first and looked at as
   * it is.
   */
  private Mono<Void> handle(RunRequested request, String traceId, Admission.Ticket ticket) {
    if (request.triggeredBy().payloadRef() != null) {
      return handleStored(request, traceId, ticket);
    }
    return engine
        .prepare(claimed.fresh(request).inTrace(traceId))
        .flatMap(
            prepared ->
                prepared.concurrency() > 0
                    ? Mono.just(false)
                    : ticket.admit(0).then(Mono.defer(() -> engine.executeFresh(prepared))))
        .flatMap(
            executed -> executed ? Mono.<Void>empty() : handleStored(request, traceId, ticket));
  }

  /**
   * A request held without its payload, its run stored ({@link Arrivals}): it waits its turn
   * knowing only its workflow (cached), so a waiting run costs no MongoDB command and little
   * memory. Once admitted its run is read back, in one command with the others admitted meanwhile,
   * and a queued run is started by the group commit's upsert as a fresh one is ({@link
   * RunEngine#executeFresh}), many runs in one bulk write; a run found otherwise (running, ended)
   * is looked at as it is, and one not found, or not started, is created or loaded.
   */
  private Mono<Void> handleWaiting(RunRequested request, String traceId, Admission.Ticket ticket) {
    return engine
        .prepare(claimed.fresh(request))
        .flatMap(prepared -> ticket.admit(prepared.concurrency()))
        .then(Mono.defer(() -> claimed.stored(request)))
        .map(run -> run.inTrace(traceId))
        .flatMap(
            run ->
                RunDocument.QUEUED.equals(run.status())
                    ? engine.prepare(run).flatMap(engine::executeFresh)
                    : handleRun(run, ticket).thenReturn(true))
        .defaultIfEmpty(false)
        .flatMap(
            executed -> executed ? Mono.<Void>empty() : handleStored(request, traceId, ticket));
  }

  private Mono<Void> handleStored(RunRequested request, String traceId, Admission.Ticket ticket) {
    return claimed
        .createOrLoad(request)
        .map(run -> run.inTrace(traceId))
        .flatMap(run -> handleRun(run, ticket));
  }

  /** A run that exists: executed or resumed in its turn, or its completion published again. */
  private Mono<Void> handleRun(RunDocument run, Admission.Ticket ticket) {
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
  }

  /**
   * A request no attempt can run: its run fails with the reason (the 202 that accepted it promised
   * a run), created without its payload if it does not exist yet. Only if even that cannot be
   * stored does the request go to the dead-letter topic.
   */
  private Mono<Void> refuse(RunRequested request, String traceId, Unrunnable unrunnable) {
    try (var mdc = RunSpan.logging(traceId, request.runId())) {
      log.warn("Run {} cannot be run: {}", request.runId(), unrunnable.getMessage());
    }
    return claimed
        .createOrLoadWithoutPayload(request)
        .flatMap(run -> engine.refuse(run.inTrace(traceId), unrunnable.getMessage()))
        .retryWhen(retries.duringOutages())
        .onErrorMap(
            e -> !Failures.isOutage(e),
            e -> new GiveUp("could not record that the run failed: " + Failures.describe(e), e));
  }

  private static Mono<Void> letGo(RunRequested request) {
    log.debug(
        "Run request {} went to another runner before its turn; letting it go", request.eventId());
    return Mono.empty();
  }

  private Mono<Void> deadLetter(Delivery<RunRequested> delivery, GiveUp giveUp) {
    log.error("Giving up on run request {}", delivery.event().eventId(), giveUp.getCause());
    return delivery.deadLetter(giveUp.getMessage());
  }
}
