package io.outrun.runner.intake;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** The run requests this runner is handling now, for the in-flight gauge. */
final class InFlightRequests {

  private final AtomicInteger count = new AtomicInteger();

  /** {@code handling}, counted from its subscription to its end, whichever way it ends. */
  <T> Mono<T> track(Mono<T> handling) {
    return Mono.defer(
        () -> {
          count.incrementAndGet();
          return handling.doFinally(signal -> count.decrementAndGet());
        });
  }

  int count() {
    return count.get();
  }
}
