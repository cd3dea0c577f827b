package io.outrun.runner.intake;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.outrun.bus.PublishFailedException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/** Tells an outage (retry until it is over) from a failure a retry will not fix. */
final class Failures {

  private Failures() {}

  /** MongoDB or Kafka unreachable or timing out, anywhere in the cause chain. */
  static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PublishFailedException
          || t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof MongoSocketException
          || t instanceof MongoTimeoutException
          || t instanceof MongoConnectionPoolClearedException
          || t instanceof MongoNotPrimaryException
          || t instanceof MongoNodeIsRecoveringException
          || (t instanceof MongoException mongo && mongo.hasErrorLabel("RetryableWriteError"))
          || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static final int MAX_REASON = 500;

  /** The failure's type and message, for a dead letter's reason; at most 500 characters. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String reason = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
  }
}
