package io.outrun.api.run;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * One timer for every run event stream of this instance: a tick every {@code heartbeat}, started
 * once and never stopped. Streams send their heartbeat on it, rechecks and deadlines are counted in
 * it, so a stream holds no timer of its own and ending one cancels no scheduled task (whose queue
 * lock a Netty thread would otherwise wait for when many streams end at once).
 */
@Component
class StreamTicks {

  private final Flux<Long> ticks;

  StreamTicks(RunEventsProperties properties) {
    this.ticks =
        Flux.interval(properties.heartbeat(), properties.heartbeat())
            .onBackpressureDrop()
            .publish()
            .autoConnect();
  }

  /** The ticks from now on. */
  Flux<Long> ticks() {
    return ticks;
  }
}
