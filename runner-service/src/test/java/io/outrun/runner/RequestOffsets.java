package io.outrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Where {@code outrun.run-requests} ends, and waiting for a consumer group to commit up to it. */
final class RequestOffsets {

  private RequestOffsets() {}

  /**
   * Waits until consumer group {@code group} has committed every run request on the topic now:
   * consumers commit what they acknowledged periodically, so this is how a test knows they did.
   */
  static void awaitCommittedToEnd(Admin admin, String group, Duration patience) {
    Map<TopicPartition, Long> ends;
    try {
      ends = ends(admin);
    } catch (Exception e) {
      throw new IllegalStateException("could not read where " + Topics.RUN_REQUESTS + " ends", e);
    }
    await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
              ends.forEach(
                  (partition, end) ->
                      assertThat(
                              committed.get(partition) == null
                                  ? 0L
                                  : committed.get(partition).offset())
                          .as("%s's committed offset of %s", group, partition)
                          .isGreaterThanOrEqualTo(end));
            });
  }

  /** The offset after the newest record of each partition of the topic. */
  static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> latest =
        admin
            .describeTopics(List.of(Topics.RUN_REQUESTS))
            .allTopicNames()
            .get()
            .get(Topics.RUN_REQUESTS)
            .partitions()
            .stream()
            .collect(
                Collectors.toMap(
                    info -> new TopicPartition(Topics.RUN_REQUESTS, info.partition()),
                    info -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }
}
