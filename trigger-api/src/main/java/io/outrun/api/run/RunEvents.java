package io.outrun.api.run;

import io.outrun.api.error.ProblemException;
import io.outrun.api.run.RunEventFrames.Cause;
import io.outrun.api.run.RunEventFrames.Read;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/runs/{id}/events}: a run's state as server-sent events while it runs. Every
 * stream listens to the one shared change stream of {@code runs} ({@link RunChangeStore}) for its
 * run's id and reads the run when it changes, when a recheck is due, and once at the start; a read
 * equal to the last one sent is not sent again. No thread is held per stream: it is a subscription
 * to the shared stream and to timers. Streams are bounded per instance and per workspace ({@link
 * StreamPermits}: 429 beyond) and in time (a last snapshot after {@code max-duration}).
 */
@Component
@EnableConfigurationProperties(RunEventsProperties.class)
class RunEvents {

  private final RunHistory history;
  private final RunChangeStore changes;
  private final RunEventsProperties properties;
  private final StreamPermits permits;

  RunEvents(RunHistory history, RunChangeStore changes, RunEventsProperties properties) {
    this.history = history;
    this.changes = changes;
    this.properties = properties;
    this.permits = new StreamPermits(properties.maxStreams(), properties.maxStreamsPerWorkspace());
  }

  /**
   * The run's events: 404 if the workspace has no such run, 429 if it or this instance holds as
   * many streams as it may. The permit taken here is given back when the stream ends.
   */
  Mono<Flux<ServerSentEvent<Object>>> open(String workspaceId, String runId) {
    return Mono.defer(
        () -> {
          StreamPermits.Permit permit =
              permits
                  .acquire(workspaceId)
                  .orElseThrow(
                      () ->
                          ProblemException.tooMany(
                              "Too many run event streams are open; close one or retry later."));
          return history
              .find(workspaceId, runId)
              .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)))
              .map(found -> withHeartbeat(events(workspaceId, runId)))
              .map(events -> events.doFinally(signal -> permit.release()))
              .doOnError(e -> permit.release())
              .doOnCancel(permit::release);
        });
  }

  /** Streams open on this instance now. */
  int open() {
    return permits.open();
  }

  private Flux<ServerSentEvent<Object>> events(String workspaceId, String runId) {
    Flux<Cause> causes =
        Flux.merge(
            // subscribed first, so no change after the first read is missed once the stream is open
            changes
                .changedRunIds()
                .filter(runId::equals)
                .map(id -> Cause.CHANGE)
                .onBackpressureLatest(),
            Flux.interval(Duration.ZERO, properties.recheck())
                .map(tick -> Cause.RECHECK)
                .onBackpressureDrop(),
            Mono.delay(properties.maxDuration()).map(tick -> Cause.DEADLINE));
    return causes
        .concatMap(cause -> history.find(workspaceId, runId).map(run -> read(cause, run)), 1)
        .distinctUntilChanged(Read::key)
        .takeUntil(Read::last)
        .index()
        .flatMapIterable(indexed -> RunEventFrames.of(indexed.getT1(), indexed.getT2()));
  }

  private Flux<ServerSentEvent<Object>> withHeartbeat(Flux<ServerSentEvent<Object>> events) {
    Duration every = properties.heartbeat();
    return events.publish(
        shared ->
            Flux.merge(
                shared,
                Flux.interval(every, every)
                    .map(tick -> RunEventFrames.heartbeat())
                    .onBackpressureDrop()
                    .takeUntilOther(shared.then())));
  }

  private static Read read(Cause cause, org.bson.Document run) {
    return new Read(cause, RunView.of(run));
  }
}
