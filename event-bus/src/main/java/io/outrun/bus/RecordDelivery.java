package io.outrun.bus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * One record of a topic Outrun does not own, as it was written: bytes, not an event. Call {@link
 * #commit()} once what it asked for is stored; a record never committed is delivered again after a
 * restart or a rebalance.
 *
 * @param key null when the record has none
 * @param value null for a tombstone
 */
public record RecordDelivery(
    String topic,
    int partition,
    long offset,
    Instant timestamp,
    byte[] key,
    List<RecordHeader> headers,
    byte[] value,
    Committer committer) {

  /** One header, in the order the record has them (a name may repeat). */
  public record RecordHeader(String name, byte[] value) {}

  /** Commits a record's offset, and every earlier one of its partition. */
  @FunctionalInterface
  public interface Committer {
    Mono<Void> commit();
  }

  public RecordDelivery {
    headers = List.copyOf(headers);
  }

  static RecordDelivery of(ReceiverRecord<byte[], byte[]> record) {
    List<RecordHeader> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new RecordHeader(header.key(), header.value()));
    }
    return new RecordDelivery(
        record.topic(),
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()),
        record.key(),
        headers,
        record.value(),
        record.receiverOffset()::commit);
  }

  /**
   * Commits this record's offset on subscription (reactor-kafka's own commit acts when called; the
   * deferral keeps a commit composed ahead of time from happening early).
   */
  public Mono<Void> commit() {
    return Mono.defer(committer::commit);
  }
}
