package io.outrun.runner.engine;

import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The progress events of one execution of a run ({@code run-started}, each {@code step-finished}),
 * sent as the state they announce is stored, without the run waiting for Kafka to acknowledge each:
 * its next step starts at once, and records of runs in flight together share produce requests. The
 * run's ending waits for all of them ({@link #acknowledged}), so they are on Kafka before its
 * completion is published and its request's offset committed, as when each was awaited; one that
 * fails fails the execution there, and the redelivered request announces the recorded steps again.
 */
final class Announcements {

  private final List<Mono<Void>> sent = new ArrayList<>();

  /** Sends {@code announcement} now; its outcome is seen by {@link #acknowledged}. */
  void send(Mono<Void> announcement) {
    Mono<Void> outcome = announcement.cache();
    synchronized (sent) {
      sent.add(outcome);
    }
    outcome.subscribe(null, failure -> {}); // acknowledged() reports it
  }

  /** Completes once every announcement sent so far is acknowledged; fails as the first failed. */
  Mono<Void> acknowledged() {
    return Mono.defer(
        () -> {
          synchronized (sent) {
            return Mono.when(List.copyOf(sent));
          }
        });
  }
}
