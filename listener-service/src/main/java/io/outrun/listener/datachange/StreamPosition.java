package io.outrun.listener.datachange;

import java.time.Instant;

/**
 * Where a trigger's stream goes on from: after a change (its resume token), after an invalidation
 * ({@code startAfter} its token), or from a time.
 *
 * @param token the resume token as extended JSON, null for {@link Kind#TIME}
 * @param time the cluster time the position stands for (a token's event time, second precision)
 * @param namespace the {@code db.collection} the position is in: a position in another collection
 *     (the trigger now watches another one) is not used
 */
record StreamPosition(Kind kind, String token, Instant time, String namespace) {

  enum Kind {
    RESUME,
    START_AFTER,
    TIME
  }

  static StreamPosition after(String token, Instant time, String namespace) {
    return new StreamPosition(Kind.RESUME, token, time, namespace);
  }

  static StreamPosition startAfter(String token, Instant time, String namespace) {
    return new StreamPosition(Kind.START_AFTER, token, time, namespace);
  }

  static StreamPosition at(Instant time, String namespace) {
    return new StreamPosition(Kind.TIME, null, time, namespace);
  }
}
