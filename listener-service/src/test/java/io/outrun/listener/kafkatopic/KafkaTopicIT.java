package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.history.TriggerEventStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * kafka_topic triggers against the real Kafka and MongoDB: one run request per record with the
 * record as {@code $trigger}, the filter, records that cannot run, disable and enable, and a
 * trigger refused for an own topic. Each test consumes a topic of its own.
 */
@ListenerSpringTest
class KafkaTopicIT extends KafkaTopicFixture {

  @Autowired MeterRegistry meters;

  @Test
  void eachRecordRequestsOneRunWithItsKeyHeadersAndJsonValueUnderADeterministicId()
      throws Exception {
    String trigger = consume(1, UnaryOperator.identity());

    RecordMetadata sent =
        records.send("order-7", "{\"total\": 120, \"items\": [1, 2]}", Map.of("source", "shop"));

    RunRequested request = awaitRequests(trigger, 1).getFirst();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.KAFKA_TOPIC);
    assertThat(request.triggeredBy().source()).isEqualTo("kafka_topic:" + records.topic());
    assertThat(request.workspaceId()).isEqualTo(StoredDocuments.WORKSPACE);
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.triggeredBy().payload())
        .containsEntry("topic", records.topic())
        .containsEntry("partition", 0)
        .containsEntry("offset", (int) sent.offset())
        .containsEntry("key", "order-7")
        .containsEntry("headers", Map.of("source", "shop"))
        .containsEntry("value", Map.of("total", 120, "items", List.of(1, 2)))
        .containsEntry("valueFormat", "json")
        .containsKey("timestamp");
    String eventId =
        EventIds.of("kafka_topic", trigger, records.topic(), "0", String.valueOf(sent.offset()));
    assertThat(request.eventId()).isEqualTo(eventId);
    assertThat(request.runId()).isEqualTo(EventIds.runIdFor(eventId));
  }

  @Test
  void aValueThatIsNotJsonRunsAsTextAndATombstoneAsNull() throws Exception {
    String trigger = consume(1, UnaryOperator.identity());

    records.send(null, "plain words, not JSON", Map.of());
    records.send("gone", null, Map.of());

    List<RunRequested> requests = awaitRequests(trigger, 2);
    assertThat(requests.get(0).triggeredBy().payload())
        .containsEntry("value", "plain words, not JSON")
        .containsEntry("valueFormat", "text")
        .containsEntry("key", null);
    assertThat(requests.get(1).triggeredBy().payload())
        .containsEntry("value", null)
        .containsEntry("valueFormat", "null")
        .containsEntry("key", "gone");
  }

  @Test
  void theFilterRunsOnlyTheRecordsItIsTrueFor() throws Exception {
    String trigger =
        consume(1, t -> t.config("filter", "value.total > 100 and $trigger.key = 'big'"));

    records.send("big", "{\"total\": 50}", Map.of());
    records.send("big", "{\"total\": 150}", Map.of());
    records.send("small", "{\"total\": 500}", Map.of());
    records.send("big", "not json at all", Map.of());
    records.send("big", "{\"total\": 200}", Map.of());

    List<RunRequested> requests = awaitRequests(trigger, 2);
    assertThat(requests)
        .extracting(r -> (Object) ((Map<?, ?>) r.triggeredBy().payload().get("value")).get("total"))
        .containsExactly(150, 200);
    await()
        .atMost(PATIENCE)
        .until(() -> counted(meters, trigger, KafkaTopicMetrics.FILTERED_OUT) == 3);
  }

  @Test
  void aRecordOverTheLimitOrNotUtf8IsInTheHistoryAndTheNextRecordStillRuns() throws Exception {
    String trigger = consume(1, UnaryOperator.identity());

    records.send("big", "x".repeat(70 * 1024), Map.of()); // over the test's 64KB body limit
    records.send("k".getBytes(), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, Map.of());
    records.send("after", "{\"ok\": true}", Map.of());

    List<RunRequested> requests = awaitRequests(trigger, 1);
    assertThat(requests.getFirst().triggeredBy().payload()).containsEntry("key", "after");
    List<Document> history =
        await().atMost(PATIENCE).until(() -> history(trigger), h -> h.size() == 2);
    assertThat(history).extracting(h -> h.getString("kind")).containsOnly("unreadable");
    assertThat(history)
        .extracting(h -> h.getString("detail"))
        .anySatisfy(detail -> assertThat(detail).contains("over the limit"))
        .anySatisfy(detail -> assertThat(detail).contains("not UTF-8"));
    assertThat(counted(meters, trigger, KafkaTopicMetrics.UNREADABLE)).isEqualTo(2);
  }

  @Test
  void disablingStopsConsumingAndEnablingResumesFromTheCommittedOffset() throws Exception {
    String trigger = consume(1, UnaryOperator.identity());
    records.send("before", "1", Map.of());
    awaitRequests(trigger, 1);

    setEnabled(trigger, false);
    await().atMost(PATIENCE).until(() -> !consumers.consuming().contains(trigger));
    records.send("while-disabled-1", "2", Map.of());
    records.send("while-disabled-2", "3", Map.of());
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> requests(trigger).size() == 1);

    setEnabled(trigger, true);
    List<RunRequested> requests = awaitRequests(trigger, 3);
    assertThat(requests)
        .extracting(r -> (Object) r.triggeredBy().payload().get("key"))
        .containsExactly("before", "while-disabled-1", "while-disabled-2");
    assertThat(counted(meters, trigger, KafkaTopicMetrics.RUN_REQUESTED)).isEqualTo(3);
  }

  @Test
  void aTriggerOnAnOwnTopicStoredByHandIsRefusedAndRecordedNotConsumed() {
    StoredDocuments.TriggerBuilder own =
        StoredDocuments.trigger(workflow.id(), "kafka_topic")
            .config("topic", "outrun.run-requests");
    mongo.insert(workflow.build(), "workflows").block();
    mongo.insert(own.build(), "triggers").block();

    List<Document> history =
        await().atMost(PATIENCE).until(() -> history(own.id()), h -> !h.isEmpty());
    assertThat(history.getFirst().getString("kind")).isEqualTo("refused");
    assertThat(history.getFirst().getString("detail")).contains("config.topic");
    assertThat(consumers.consuming()).doesNotContain(own.id());
  }

  private String consume(int partitions, UnaryOperator<StoredDocuments.TriggerBuilder> config)
      throws Exception {
    records = new TopicRecords(partitions);
    return consume(onTopic(config).build());
  }

  private List<Document> history(String triggerId) {
    return mongo
        .find(
            Query.query(Criteria.where("triggerId").is(triggerId)),
            Document.class,
            TriggerEventStore.COLLECTION)
        .collectList()
        .block();
  }
}
