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

  /** Marks a record's offset, and every earlier one of its partition, to be committed. */
  @FunctionalInterface
  public interface Committer {
    void commit();
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
        record.receiverOffset()::acknowledge);
  }

  /**
   * On subscription, marks this record's offset (and every earlier one of its partition) to be
   * committed, and completes at once: the consumer commits the marked offsets every {@code
   * outrun.kafka.commit-interval}, when its partitions are revoked and when it closes. Not waiting
   * for the commit itself keeps a rebalance from stalling: reactor-kafka delays a revocation until
   * the records it handed out are marked (at most {@code maxDelayRebalance}, 60 s), and answers a
   * commit only in a later poll, which that delay holds up; a handler that waited for its commit
   * before taking the next record held every rebalance of its group for the full minute.
   */
  public Mono<Void> commit() {
    return Mono.fromRunnable(committer::commit);
  }
}
