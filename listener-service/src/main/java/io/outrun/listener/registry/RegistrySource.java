package io.outrun.listener.registry;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the registry's triggers and workflows come from. */
interface RegistrySource {

  /** Every trigger and workflow as they are now. */
  Mono<RegistryChange> load();

  /**
   * Every change from {@code from} on, in order, for as long as the streams stay open. It never
   * completes normally: a stream that ends is an error, so the caller reopens it.
   */
  Flux<RegistryChange> changesSince(Instant from);
}
