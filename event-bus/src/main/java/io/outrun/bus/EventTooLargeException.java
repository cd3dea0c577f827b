package io.outrun.bus;

import io.outrun.events.OutrunEvent;

/**
 * An event too large for a Kafka record: nothing was sent. Unlike {@link PublishFailedException}
 * this is no outage, and sending it again fails again.
 */
public final class EventTooLargeException extends RuntimeException {

  EventTooLargeException(OutrunEvent event, int bytes, int limit) {
    super(
        "could not publish "
            + event.eventId()
            + ": its "
            + bytes
            + " bytes are over the "
            + limit
            + " a Kafka record may carry");
  }
}
