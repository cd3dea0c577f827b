package io.outrun.runner.intake;

import io.outrun.bus.PublishFailedException;
import io.outrun.runner.store.RunIdTakenException;
import io.outrun.runner.store.StoreFailures;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DuplicateKeyException;

/** Tells what kind of failure a run request met, so the intake knows whether to try again. */
final class Failures {

  private Failures() {}

  /** What a failure means for the request that met it. */
  enum Kind {
    /** MongoDB or Kafka unreachable or timing out: retried until they are back. */
    OUTAGE,
    /** Something a later attempt may not meet: retried up to {@code max-attempts}. */
    TRANSIENT,
    /**
     * The run cannot be written as it is (a document MongoDB refuses: too large, a value no codec
     * takes): no attempt will do better, so the run fails at once with the reason.
     */
    UNSTORABLE,
    /** The run's id belongs to another request: not this request's run to touch. */
    FOREIGN
  }

  static Kind classify(Throwable failure) {
    if (isOutage(failure)) {
      return Kind.OUTAGE;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RunIdTakenException) {
        return Kind.FOREIGN;
      }
      if (t instanceof DuplicateKeyException) {
        return Kind.TRANSIENT;
      }
      if (t instanceof ClaimedPayloads.StoredPayloadGone
          || t instanceof ClassCastException
          || StoreFailures.refusesDocument(t)) {
        return Kind.UNSTORABLE;
      }
    }
    return Kind.TRANSIENT;
  }

  /** MongoDB or Kafka unreachable or timing out, anywhere in the cause chain. */
  static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PublishFailedException
          || StoreFailures.unreachable(t)
          || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static final int MAX_REASON = 500;

  /** The failure's type and message, for a run's error or a dead letter's reason; at most 500. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String reason = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
  }
}
