package io.outrun.bus;

import io.outrun.events.OutrunEvent;

/** Kafka did not take an event: the broker is down, slow, or refused it. Safe to retry. */
public final class PublishFailedException extends RuntimeException {

  PublishFailedException(OutrunEvent event, Throwable cause) {
    super("could not publish " + event.eventId() + ": " + cause.getMessage(), cause);
  }

  PublishFailedException(OutrunEvent event, String reason) {
    super("could not publish " + event.eventId() + ": " + reason);
  }
}
