package io.outrun.listener.kafkatopic;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.RunRequested;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.datachange.KafkaRunRequests;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the kafka_topic ITs on the shared application context repeat: a workflow whose trigger
 * consumes a topic of the test's own ({@link #records}, closed after each test), disabling and
 * enabling the trigger, and its run requests on Kafka. {@link #counted} reads the records counter
 * of any listener, the replica ITs' own ones too.
 */
abstract class KafkaTopicFixture {

  static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired KafkaTopicConsumers consumers;
  @Autowired JsonMapper json;

  final StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
  TopicRecords records;

  @AfterEach
  void closeProducer() {
    if (records != null) {
      records.close();
    }
  }

  /**
   * A kafka_topic trigger of {@link #workflow} on the test's topic, as {@code config} shapes it.
   */
  StoredDocuments.TriggerBuilder onTopic(UnaryOperator<StoredDocuments.TriggerBuilder> config) {
    return config.apply(
        StoredDocuments.trigger(workflow.id(), "kafka_topic").config("topic", records.topic()));
  }

  /**
   * Stores the workflow and {@code trigger}; returns the trigger's id once the listener consumes.
   */
  String consume(Document trigger) {
    String triggerId = trigger.getString("_id");
    mongo.insert(workflow.build(), "workflows").block();
    mongo.insert(trigger, "triggers").block();
    await().atMost(PATIENCE).until(() -> consumers.consuming().contains(triggerId));
    return triggerId;
  }

  void setEnabled(String triggerId, boolean enabled) {
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(triggerId)),
            Update.update("enabled", enabled),
            "triggers")
        .block();
  }

  List<RunRequested> requests(String triggerId) {
    return new KafkaRunRequests(json).of(workflow.id(), triggerId);
  }

  List<RunRequested> awaitRequests(String triggerId, int count) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> requests(triggerId), found -> found.size() >= count);
  }

  /** The trigger's records that a listener's {@code meters} counted with {@code outcome}. */
  static double counted(MeterRegistry meters, String triggerId, String outcome) {
    Counter counter =
        meters
            .find(ListenerMetrics.KAFKA_TOPIC_RECORDS)
            .tag(ListenerMetrics.TRIGGER, triggerId)
            .tag(ListenerMetrics.OUTCOME, outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
