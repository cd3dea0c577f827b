package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.StoredSecrets;
import io.outrun.testing.TestInfraInitializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Workspace secrets end to end: the runner resolves {@code {{ $secrets.NAME }}} when it calls a
 * peer (a fake HTTP peer on loopback, which this test's egress allows), and no secret value is left
 * in any MongoDB collection, any Kafka topic or the log output.
 */
@SpringBootTest
@Import(TestNodes.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT {

  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static final String TOKEN = "tok-" + UUID.randomUUID();
  private static final String API_KEY = "key-" + UUID.randomUUID();
  private static final String HOOK_KEY = "hook-" + UUID.randomUUID();
  private static final String ELSEWHERE = "elsewhere-" + UUID.randomUUID();
  private static final List<String> VALUES = List.of(TOKEN, API_KEY, HOOK_KEY, ELSEWHERE);

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired KafkaProperties kafka;

  private final SecretBox box = SecretBox.fromBase64(KEY, "key").orElseThrow();
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private HttpServer peer;
  private RunFixtures runs;

  @BeforeAll
  void start() throws IOException {
    runs = new RunFixtures(mongo, publisher);
    peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    peer.createContext("/", this::echo);
    peer.start();
    storeSecret("ws-1", "API_TOKEN", TOKEN);
    storeSecret("ws-1", "API_KEY", API_KEY);
    storeSecret("ws-1", "HOOK_KEY", HOOK_KEY);
    storeSecret("ws-2", "ONLY_ELSEWHERE", ELSEWHERE);
  }

  @AfterAll
  void stop() {
    peer.stop(0);
  }

  @Test
  void secretsReachThePeerAndNothingSecretIsStoredPublishedOrLogged(CapturedOutput output)
      throws Exception {
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node(
                    "call",
                    "http_request",
                    new Document("method", "POST")
                        .append("url", url("/echo?key={{ $secrets.API_KEY }}"))
                        .append(
                            "headers",
                            new Document("Authorization", "Bearer {{ $secrets.API_TOKEN }}")
                                .append("X-API-Key", "{{ $secrets.API_KEY }}")
                                .append("X-Trace", "{{ $run.id }}"))
                        .append("body", new Document("token", "{{ $secrets.API_TOKEN }}"))),
                node("say", "log", new Document("message", "token is {{ $secrets.API_TOKEN }}")),
                node(
                    "hook",
                    "webhook",
                    new Document("url", url("/hook"))
                        .append("secret", "{{ $secrets.HOOK_KEY }}")
                        .append("body", new Document("echoed", "{{ $steps.call.output.body }}"))),
                node(
                    "refused",
                    "http_request",
                    new Document("url", url("/status/401?key={{ $secrets.API_KEY }}")))),
            List.of(edge("call", "say"), edge("say", "hook"), edge("hook", "refused")),
            new Document());
    RunRequested request = request(workflowId);

    runs.publish(request);
    Document run = runs.awaitEnded(request.runId());

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).contains("HTTP 401", "key=***");
    Map<String, String> call = received.get(0);
    assertThat(call.get("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(call.get("x-api-key")).isEqualTo(API_KEY);
    assertThat(call.get("query")).isEqualTo("key=" + API_KEY);
    assertThat(call.get("body")).contains(TOKEN);
    Map<String, String> hook = received.get(1);
    assertThat(hook.get("x-signature")).isEqualTo("sha256=" + hmac(HOOK_KEY, hook.get("body")));
    Document callStep = run.getList("steps", Document.class).get(0);
    assertThat(callStep.get("input", Document.class).get("headers", Document.class))
        .containsEntry("Authorization", "Bearer {{ $secrets.API_TOKEN }}")
        .containsEntry("X-Trace", request.runId());
    assertThat(callStep.get("input", Document.class).getString("url"))
        .endsWith("/echo?key={{ $secrets.API_KEY }}");
    Document sayStep = run.getList("steps", Document.class).get(1);
    assertThat(sayStep.get("output", Document.class)).containsEntry("message", "token is ***");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(topicText()).contains(request.runId(), "key=***"));
    String collections = collectionsText();
    String topics = topicText();
    String logs = output.getAll();
    for (String value : VALUES) {
      assertThat(collections).doesNotContain(value);
      assertThat(topics).doesNotContain(value);
      assertThat(logs).doesNotContain(value);
    }
    assertThat(output.getAll()).contains("node say: token is ***");
  }

  @Test
  void aSecretOfAnotherWorkspaceIsNotResolved() {
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node(
                    "call",
                    "http_request",
                    new Document("url", url("/x?k={{ $secrets.ONLY_ELSEWHERE }}")))),
            List.of(),
            new Document());
    RunRequested request = request(workflowId);

    runs.publish(request);
    Document run = runs.awaitEnded(request.runId());

    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).contains("secret ONLY_ELSEWHERE is not set");
    assertThat(received).noneMatch(call -> call.getOrDefault("query", "").contains(ELSEWHERE));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + peer.getAddress().getPort() + path;
  }

  /** Answers with what it was sent, so a secret sent comes back in the step's output. */
  private void echo(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> seen = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> seen.put(name.toLowerCase(), values.getFirst()));
      seen.put("body", body);
      String query = exchange.getRequestURI().getRawQuery();
      seen.put("query", query == null ? "" : query);
      received.add(seen);
      int status = exchange.getRequestURI().getPath().startsWith("/status/401") ? 401 : 200;
      String answer =
          "{\"sentAuthorization\":\""
              + seen.get("authorization")
              + "\",\"query\":\""
              + seen.get("query")
              + "\"}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Set-Cookie", "session=" + TOKEN);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private void storeSecret(String workspaceId, String name, String value) {
    String id = StoredSecrets.id(workspaceId, name);
    mongo
        .save(
            new Document("_id", id)
                .append("workspaceId", workspaceId)
                .append("name", name)
                .append("valueEncrypted", box.seal(value, id))
                .append("keyId", box.keyId())
                .append("createdBy", "u1")
                .append("createdAt", Instant.now()),
            StoredSecrets.COLLECTION)
        .block(RunFixtures.PATIENCE);
  }

  /** Every document of every collection of the database, as JSON. */
  private String collectionsText() {
    StringBuilder text = new StringBuilder();
    for (String collection : mongo.getCollectionNames().collectList().block(RunFixtures.PATIENCE)) {
      mongo
          .findAll(Document.class, collection)
          .doOnNext(document -> text.append(document.toJson()).append('\n'))
          .blockLast(RunFixtures.PATIENCE);
    }
    return text.toString();
  }

  /** Every record (keys, values, headers) of every topic, from the beginning. */
  private String topicText() throws Exception {
    String servers = String.join(",", kafka.getBootstrapServers());
    List<TopicPartition> partitions = new ArrayList<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      var topics = admin.listTopics().names().get();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .values()
          .forEach(
              topic ->
                  topic
                      .partitions()
                      .forEach(
                          p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
    }
    StringBuilder text = new StringBuilder();
    try (var consumer =
        new KafkaConsumer<byte[], byte[]>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false))) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (ends.entrySet().stream()
          .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          text.append(record.topic()).append(' ');
          if (record.key() != null) {
            text.append(new String(record.key(), StandardCharsets.UTF_8)).append(' ');
          }
          if (record.value() != null) {
            text.append(new String(record.value(), StandardCharsets.UTF_8));
          }
          record
              .headers()
              .forEach(h -> text.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
          text.append('\n');
        }
      }
    }
    return text.toString();
  }

  private static String hmac(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
