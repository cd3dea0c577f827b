package io.outrun.listener.datachange;

import java.time.Instant;
import java.util.Map;

/**
 * One change event of a watched collection, as the listener works with it ({@link
 * MongoChangeEvents} reads it from the server's event).
 *
 * @param id the event's id as a stable string: its resume token's {@code _data} (a run request's id
 *     is derived from it)
 * @param token the resume token, as extended JSON: where a stream goes on after this event
 * @param clusterTime the event's cluster time, second precision; null when the server gave none
 * @param payload what a run sees as {@code $trigger}
 */
record ChangeEvent(
    String id,
    String token,
    String operationType,
    Instant clusterTime,
    Map<String, Object> payload) {

  /** Whether the event ends the stream (drop, rename, dropDatabase, invalidate). */
  boolean ends() {
    return WatchSpec.ENDINGS.contains(operationType);
  }

  boolean isInvalidate() {
    return "invalidate".equals(operationType);
  }

  /** Where a stream goes on from once this change has run. */
  StreamPosition after(String namespace) {
    return StreamPosition.after(token, clusterTime, namespace);
  }
}
