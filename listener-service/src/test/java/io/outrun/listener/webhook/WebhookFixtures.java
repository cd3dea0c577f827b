package io.outrun.listener.webhook;

import static org.awaitility.Awaitility.await;

import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Webhook triggers the listener can fire, a client for its port, and its records on Kafka. */
final class WebhookFixtures {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ReactiveMongoTemplate mongo;
  private final TriggerRegistry registry;
  private final EventCodec codec = new EventCodec();

  WebhookFixtures(ReactiveMongoTemplate mongo, TriggerRegistry registry) {
    this.mongo = mongo;
    this.registry = registry;
    await().atMost(PATIENCE).until(registry::isReady);
  }

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(PATIENCE)
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
        .build();
  }

  /** An enabled webhook trigger of a new active workflow, once the listener can fire it. */
  Trigger fireable(Map<String, Object> config) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    mongo.insert(workflow.build(), "workflows").block(PATIENCE);
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    config.forEach(trigger::config);
    mongo.insert(trigger.build(), "triggers").block(PATIENCE);
    await().atMost(PATIENCE).until(() -> registry.find(trigger.id()).isPresent());
    return new Trigger(trigger.id(), workflow.id());
  }

  /** The run request record that names {@code runId}, read from Kafka by its workflow's key. */
  ConsumerRecord<String, byte[]> record(String workflowId, String runId) {
    RawKafka kafka = new RawKafka(TestInfra.shared().kafkaBootstrapServers());
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                kafka.readAll(Topics.RUN_REQUESTS, workflowId).stream()
                    .filter(record -> runId.equals(decode(record.value()).runId()))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  RunRequested decode(byte[] json) {
    return (RunRequested) ((EventCodec.Decoded.Readable) codec.decode(json)).event();
  }

  /** A fireable trigger and its workflow. */
  record Trigger(String id, String workflowId) {
    String path() {
      return "/api/webhooks/" + id;
    }
  }
}
