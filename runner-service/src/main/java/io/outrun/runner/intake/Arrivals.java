package io.outrun.runner.intake;

import io.outrun.bus.Delivery;
import io.outrun.events.RunRequested;
import io.outrun.runner.store.QueuedRuns;
import io.outrun.service.GroupCommit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps a flood in little memory: the first {@code outrun.runner.max-in-flight} requests in flight
 * are held whole; a request arriving beyond them has its run recorded as {@code queued} first (by
 * group commit, one bulk write for many requests, as the recorder writes them: a run that exists is
 * left as it is) and is then held without its payload, up to {@code max-waiting} more. Its run is
 * read back from MongoDB when it is admitted. If the runs cannot be recorded the requests are held
 * whole. A request whose payload is stored aside is small already and always held whole.
 */
@Component
class Arrivals {

  private static final Logger log = LoggerFactory.getLogger(Arrivals.class);
  private static final int MAX_BATCH = 500;
  private static final Duration LINGER = Duration.ofMillis(5);

  private final QueuedRuns runs;
  private final InFlightRequests inFlight;
  private final int heldWhole;
  private final GroupCommit<Pending> commit;

  Arrivals(QueuedRuns runs, InFlightRequests inFlight, IntakeProperties properties) {
    this.runs = runs;
    this.inFlight = inFlight;
    this.heldWhole = properties.maxInFlight();
    this.commit = new GroupCommit<>(MAX_BATCH, LINGER, Schedulers.parallel(), this::record);
  }

  /** Requests being recorded at once at most: enough for full batches. */
  static int concurrency() {
    return MAX_BATCH;
  }

  /** {@code handling} of an arrived request, counted as held (in flight) until it ends. */
  Mono<Void> held(Mono<Void> handling) {
    return inFlight.track(handling);
  }

  /** The request as the intake holds it: whole, or stored and without its payload. */
  Mono<Arrived> arrive(Delivery<RunRequested> delivery) {
    RunRequested request = delivery.event();
    if (inFlight.count() < heldWhole
        || request.triggeredBy().payloadRef() != null
        || request.triggeredBy().payload().isEmpty()) {
      return Mono.just(Arrived.whole(delivery));
    }
    return Mono.defer(
        () -> {
          Sinks.One<Boolean> recorded = Sinks.one();
          commit.add(new Pending(request, recorded));
          return recorded
              .asMono()
              .map(
                  stored ->
                      stored
                          ? new Arrived(delivery.withEvent(withoutPayload(request)), true)
                          : Arrived.whole(delivery));
        });
  }

  private Mono<Void> record(List<Pending> batch) {
    return runs.recordQueued(batch.stream().map(Pending::request).toList())
        .then(Mono.fromRunnable(() -> answer(batch, true)))
        .onErrorResume(
            e -> {
              log.warn(
                  "Waiting runs not recorded; their requests are held whole: {}", e.toString());
              answer(batch, false);
              return Mono.empty();
            })
        .then();
  }

  private static void answer(List<Pending> batch, boolean stored) {
    batch.forEach(pending -> pending.recorded().tryEmitValue(stored));
  }

  private static RunRequested withoutPayload(RunRequested request) {
    return request.with(request.triggeredBy().withPayload(Map.of()));
  }

  private record Pending(RunRequested request, Sinks.One<Boolean> recorded) {}
}
