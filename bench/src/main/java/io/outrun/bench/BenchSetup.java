package io.outrun.bench;

import io.outrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The deployed workflows the runs go to. Run requests are keyed by workflow id, so all runs of one
 * workflow share a Kafka partition; with more than one workflow, each is picked to land on a
 * partition of its own (as the producer's default partitioner places it), so that the spread does
 * not change from one benchmark to the next.
 */
final class BenchSetup {

  private BenchSetup() {}

  /** Creates, test-runs and deploys {@code count} two-step workflows; returns their ids. */
  static List<String> deployedWorkflows(OutrunApi api, int count, String kafkaBootstrap)
      throws Exception {
    int partitions = count == 1 ? 1 : partitionsOfRunRequests(kafkaBootstrap);
    List<String> chosen = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    for (int attempt = 0; chosen.size() < count; attempt++) {
      String workflowId = api.createWorkflow("throughput benchmark " + attempt);
      int partition = partitionOf(workflowId, partitions);
      if (taken.add(partition) || taken.size() == partitions || attempt > 20 * count) {
        chosen.add(workflowId);
      }
    }
    for (String workflowId : chosen) {
      api.deployAfterTestRun(workflowId);
    }
    if (count > 1) {
      System.out.printf(
          "%d workflows on %d of the %d partitions of %s%n",
          count, taken.size(), partitions, Topics.RUN_REQUESTS);
    }
    return chosen;
  }

  static int partitionOf(String workflowId, int partitions) {
    return BuiltInPartitioner.partitionForKey(
        workflowId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  static int partitionsOfRunRequests(String kafkaBootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
      return admin
          .describeTopics(List.of(Topics.RUN_REQUESTS))
          .allTopicNames()
          .get()
          .get(Topics.RUN_REQUESTS)
          .partitions()
          .size();
    }
  }
}
