package io.outrun.listener.reply;

import reactor.core.publisher.Mono;

/**
 * Whether this replica reads run completions now: the reader pauses while no request waits, so a
 * request registered with {@link RunWaiters} awaits {@link #ready()} before its run is requested.
 */
@FunctionalInterface
public interface CompletionsReady {

  /** Completes once completions written from now on are read (at once unless paused). */
  Mono<Void> ready();
}
