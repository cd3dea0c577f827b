package io.outrun.events;

import static java.util.Objects.requireNonNull;

/**
 * Where a run request's trigger payload was stored instead of travelling on Kafka (a claim check):
 * the payload did not fit in a Kafka record, so its publisher stored it in MongoDB's {@code
 * run_payloads} first and sent this reference; the runner reads it back before it creates the run.
 *
 * @param id the stored payload's {@code _id}: the request's event id, so publishing the same
 *     request again stores the same document
 * @param bytes the size of the payload's JSON, for logs and metrics
 */
public record PayloadRef(String id, long bytes) {

  public PayloadRef {
    requireNonNull(id, "id");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative");
    }
  }
}
