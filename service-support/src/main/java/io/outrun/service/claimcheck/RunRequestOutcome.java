package io.outrun.service.claimcheck;

import io.outrun.events.PayloadRef;

/** What became of a run request handed to {@link RunRequestPublisher}. */
public sealed interface RunRequestOutcome {

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
