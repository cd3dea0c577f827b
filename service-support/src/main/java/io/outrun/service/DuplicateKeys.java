package io.outrun.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import java.util.List;
import org.springframework.data.mongodb.BulkOperationException;

/**
 * Whether a failed insert-if-absent bulk write failed only because some documents exist already: an
 * unordered insert still inserts the others, so such a write did all it had to. Spring Data reports
 * it as a {@link BulkOperationException} or, translated, as a {@code DuplicateKeyException} caused
 * by the driver's {@link MongoBulkWriteException}.
 */
public final class DuplicateKeys {

  private DuplicateKeys() {}

  /** True when every statement {@code failure} tells of failed with a duplicate key. */
  public static boolean only(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BulkOperationException bulk) {
        return allDuplicates(bulk.getErrors().stream().map(error -> error.getCode()).toList());
      }
      if (cause instanceof MongoBulkWriteException bulk) {
        return allDuplicates(bulk.getWriteErrors().stream().map(error -> error.getCode()).toList());
      }
    }
    return false;
  }

  private static boolean allDuplicates(List<Integer> codes) {
    return !codes.isEmpty()
        && codes.stream()
            .allMatch(code -> ErrorCategory.fromErrorCode(code) == ErrorCategory.DUPLICATE_KEY);
  }
}
