package io.outrun.service.claimcheck;

import java.util.Map;

/** What a runner finds where a run request's payload was stored aside. */
public sealed interface StoredPayload {

  /** The payload, as the run sees it in {@code $trigger}. */
  record Found(Map<String, Object> payload) implements StoredPayload {}

  /** Nothing usable: {@code reason} says why, in a sentence fit for the run's error. */
  record Missing(String reason) implements StoredPayload {}
}
