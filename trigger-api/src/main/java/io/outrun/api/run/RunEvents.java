package io.outrun.api.run;

import io.outrun.api.error.ProblemException;
import io.outrun.api.run.RunEventFrames.Cause;
import io.outrun.api.run.RunEventFrames.Read;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/runs/{id}/events}: a run's state as server-sent events while it runs. Every
 * stream follows its run's shared reading ({@link RunWatches}: read when the one change stream of
 * {@code runs} names it, on a recheck, and at the start, once per run however many streams watch
 * it); a read equal to the last one sent is not sent again. No thread is held per stream: it is a
 * subscription to the shared reading and to timers. Streams are bounded per instance and per
 * workspace ({@link StreamPermits}: 429 beyond) and in time (a last snapshot after {@code
 * max-duration}).
 */
@Component
@EnableConfigurationProperties(RunEventsProperties.class)
class RunEvents {

  private final RunHistory history;
  private final RunWatches watches;
  private final StreamTicks ticks;
  private final RunEventsProperties properties;
  private final StreamPermits permits;

  RunEvents(
      RunHistory history, RunWatches watches, StreamTicks ticks, RunEventsProperties properties) {
    this.history = history;
    this.watches = watches;
    this.ticks = ticks;
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
    long lastTick = properties.maxDuration().dividedBy(properties.heartbeat());
    Mono<Read> deadline =
        ticks
            .ticks()
            .skip(Math.max(0, lastTick - 1))
            .next()
            .then(history.find(workspaceId, runId))
            .map(run -> new Read(Cause.DEADLINE, RunView.of(run)));
    return Flux.merge(
            watches.views(workspaceId, runId).map(view -> new Read(Cause.READ, view)), deadline)
        .distinctUntilChanged(Read::key)
        .takeUntil(Read::last)
        .index()
        .flatMapIterable(indexed -> RunEventFrames.of(indexed.getT1(), indexed.getT2()));
  }

  private Flux<ServerSentEvent<Object>> withHeartbeat(Flux<ServerSentEvent<Object>> events) {
    return events.publish(
        shared ->
            Flux.merge(
                shared,
                ticks
                    .ticks()
                    .onBackpressureDrop()
                    .map(tick -> RunEventFrames.heartbeat())
                    .takeUntilOther(shared.then())));
  }
}
