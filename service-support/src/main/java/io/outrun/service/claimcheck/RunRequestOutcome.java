package io.outrun.service.claimcheck;

import io.outrun.events.PayloadRef;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** What became of a run request handed to {@link RunRequestPublisher}. */
public sealed interface RunRequestOutcome {

  /**
   * Completes when the request was published, fails with {@code refusal}'s error when its payload
   * was too large: for callers to whom that is an answer (a 413), not a value to act on.
   */
  default Mono<Void> orFail(Function<PayloadTooLarge, ? extends RuntimeException> refusal) {
    return this instanceof PayloadTooLarge tooLarge
        ? Mono.error(refusal.apply(tooLarge))
        : Mono.empty();
  }

  /**
   * On Kafka, acknowledged; {@code storedAside} names where its payload went when it was too large
   * to travel in the event, else null.
   */
  record Published(PayloadRef storedAside) implements RunRequestOutcome {}

  /**
   * Not published: its payload's JSON ({@code bytes}) is over {@code limit}, the most a run's
   * payload may take even stored aside. Nothing was stored either.
   */
  record PayloadTooLarge(long bytes, long limit) implements RunRequestOutcome {}
}
