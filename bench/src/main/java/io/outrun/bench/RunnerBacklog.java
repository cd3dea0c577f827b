package io.outrun.bench;

import io.outrun.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many run requests on Kafka the runner has not consumed yet: the lag of its consumer group
 * ({@code outrun-runner}, the default) on {@link Topics#RUN_REQUESTS}.
 */
final class RunnerBacklog implements AutoCloseable {

  private static final String RUNNER_GROUP = "outrun-runner";

  private final Admin admin;

  RunnerBacklog(String kafkaBootstrap) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap));
  }

  /** The lag now, or -1 when Kafka does not say within 5 s. */
  long runRequests() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(RUNNER_GROUP)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(Topics.RUN_REQUESTS))
              .allTopicNames()
              .get(5, TimeUnit.SECONDS)
              .get(Topics.RUN_REQUESTS)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(Topics.RUN_REQUESTS, p.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(5, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata done = committed.get(partition);
        lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * How many run requests the runner's group has committed since the topic began (it commits one
   * once its run has ended): its committed offsets, summed (0 before it commits any); -1 when Kafka
   * does not say within 5 s.
   */
  long committed() {
    try {
      return admin
          .listConsumerGroupOffsets(RUNNER_GROUP)
          .partitionsToOffsetAndMetadata()
          .get(5, TimeUnit.SECONDS)
          .entrySet()
          .stream()
          .filter(e -> e.getKey().topic().equals(Topics.RUN_REQUESTS) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * Waits until the lag is at most {@code atMost}, for {@code seconds} at most; the lag then (-1:
   * it could not be read, and was not read as low enough before).
   */
  long awaitAtMost(long atMost, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long lag = runRequests();
    while ((lag < 0 || lag > atMost) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      lag = runRequests();
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close();
  }
}
