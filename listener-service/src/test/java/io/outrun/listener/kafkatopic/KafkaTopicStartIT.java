package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.triggers.KafkaTopicConfig;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Where a kafka_topic trigger starts, against the real Kafka and MongoDB: a new trigger runs the
 * records written from its creation on and none before (by default), every retained one with {@code
 * startFrom: earliest}, and a trigger whose group has committed offsets resumes there. Each test
 * has a topic of its own whose history is written before the trigger is created.
 */
@ListenerSpringTest
class KafkaTopicStartIT extends KafkaTopicFixture {

  @Test
  void recordsWrittenBeforeTheTriggerWasCreatedStartNoRunAndEachLaterOneStartsOne()
      throws Exception {
    records = new TopicRecords(2);
    RecordMetadata last = writeHistory("old-a", "old-b", "old-c", "old-d");
    String trigger = create(last, UnaryOperator.identity());

    // written before the consumer is assigned: found by their timestamps, not skipped
    records.send("new-a", "1", Map.of());
    records.send("new-b", "2", Map.of());

    assertThat(keysOnceSettled(trigger, 2)).containsExactlyInAnyOrder("new-a", "new-b");
  }

  @Test
  void aPartitionWithNoRecordSinceTheCreationStartsAtItsEndAndRunsWhatComesNext() throws Exception {
    records = new TopicRecords(1);
    RecordMetadata last = writeHistory("old-a", "old-b");
    String trigger = create(last, UnaryOperator.identity());
    await().atMost(PATIENCE).until(() -> records.assigned(KafkaTopicConfig.consumerGroup(trigger)));

    records.send("new-a", "1", Map.of());

    assertThat(keysOnceSettled(trigger, 1)).containsExactly("new-a");
  }

  @Test
  void startFromEarliestRunsTheRetainedHistoryToo() throws Exception {
    records = new TopicRecords(1);
    RecordMetadata last = writeHistory("old-a", "old-b");
    String trigger = create(last, t -> t.config("startFrom", "earliest"));

    records.send("new-a", "1", Map.of());

    assertThat(keysOnceSettled(trigger, 3)).containsExactly("old-a", "old-b", "new-a");
  }

  @Test
  void enabledAgainAfterRecordsTheTriggerResumesFromItsCommittedOffsetNotItsCreation()
      throws Exception {
    records = new TopicRecords(1);
    RecordMetadata last = writeHistory("old-a");
    String trigger = create(last, UnaryOperator.identity());
    records.send("new-a", "1", Map.of());
    awaitRequests(trigger, 1);

    setEnabled(trigger, false);
    await().atMost(PATIENCE).until(() -> !consumers.consuming().contains(trigger));
    records.send("while-disabled", "2", Map.of());
    setEnabled(trigger, true);
    records.send("after", "3", Map.of());

    assertThat(keysOnceSettled(trigger, 3)).containsExactly("new-a", "while-disabled", "after");
  }

  /** Writes the topic's history; the last record's metadata says when it was written. */
  private RecordMetadata writeHistory(String... keys) throws Exception {
    RecordMetadata last = null;
    for (String key : keys) {
      last = records.send(key, "{\"old\": true}", Map.of());
    }
    return last;
  }

  /** A trigger on the test's topic created just after {@code last} was written. */
  private String create(RecordMetadata last, UnaryOperator<StoredDocuments.TriggerBuilder> config) {
    return consume(onTopic(config).build().append("createdAt", new Date(last.timestamp() + 1)));
  }

  /**
   * The keys of the trigger's run requests once there are {@code count} and no more come. A record
   * wrongly run (one from before the creation, or one delivered again) comes before the last
   * expected one of its partition, whose records are handled in order: a second is ample.
   */
  private List<Object> keysOnceSettled(String triggerId, int count) {
    awaitRequests(triggerId, count);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> requests(triggerId).size() == count);
    return requests(triggerId).stream()
        .map(request -> request.triggeredBy().payload().get("key"))
        .toList();
  }
}
