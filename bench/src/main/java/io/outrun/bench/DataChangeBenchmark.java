package io.outrun.bench;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.outrun.events.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * {@code ./outrun bench data-change}: the latency a data-change trigger adds to MongoDB's own
 * change stream. A deployed workflow gets a data-change trigger on a fresh collection; the
 * benchmark then inserts {@code --inserts} (1,000) documents, {@code --rate} (50) per second, and
 * for each one measures, from just before its insert: when the benchmark's own change stream on the
 * collection (same server, a blocking cursor on a thread of its own) delivered it (raw), and the
 * timestamp of its run request on Kafka (set by the listener's producer as it sends). It prints
 * p50/p99 of both and of the difference per insert (target: p99 added <= 20 ms). The workflow is
 * archived and the collection dropped at the end.
 */
public final class DataChangeBenchmark {

  private static final Pattern DOCUMENT_ID =
      Pattern.compile("\"documentKey\":\\{\"_id\":\"([^\"]+)\"");

  private final Map<String, Integer> options;
  private final OutrunApi api;
  private final String kafkaBootstrap;
  private final String mongoUri;
  private final Map<String, String> env;

  private DataChangeBenchmark(Map<String, Integer> options, Map<String, String> env) {
    this.options = options;
    this.env = env;
    this.api = new OutrunApi("http://localhost:" + env.getOrDefault("OUTRUN_API_PORT", "8080"));
    this.kafkaBootstrap = "localhost:" + env.getOrDefault("OUTRUN_KAFKA_PORT", "9092");
    this.mongoUri = "mongodb://localhost:" + env.getOrDefault("OUTRUN_MONGO_PORT", "27017");
  }

  static final String USAGE = JitWarmup.withUsage("options: --inserts=1000 --rate=50");

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        DataChangeBenchmark::options,
        options -> new DataChangeBenchmark(options, System.getenv()).run());
  }

  static Map<String, Integer> options(String[] args) {
    return BenchArgs.parse(
        args, JitWarmup.withOption(Map.of("inserts", 1000, "rate", 50)), USAGE, "inserts", "rate");
  }

  private void run() throws Exception {
    api.signIn("bench-data-change");
    JitWarmup.run(api, env, options.get(JitWarmup.OPTION));
    String collectionName = "bench_changes_" + UUID.randomUUID().toString().substring(0, 8);
    String workflowId = api.createWorkflow("data-change benchmark");
    boolean archived = false;
    try (MongoClient mongo = MongoClients.create(mongoUri);
        KafkaConsumer<String, String> kafka = consumer()) {
      MongoCollection<Document> collection =
          mongo.getDatabase("outrun").getCollection(collectionName);
      api.deployAfterTestRun(workflowId);
      atEnd(kafka);
      createTrigger(workflowId, collectionName);
      Map<String, Long> raw = new ConcurrentHashMap<>();
      Thread watcher =
          Thread.ofPlatform().name("bench-raw-stream").start(() -> watch(collection, raw));
      Map<String, Long> onKafka = new ConcurrentHashMap<>();
      warmUp(collection, kafka, workflowId, raw, onKafka);
      Map<String, Long> insertedAt = insert(collection, kafka, workflowId, onKafka);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!onKafka.keySet().containsAll(insertedAt.keySet()) && System.nanoTime() < deadline) {
        poll(kafka, workflowId, onKafka);
      }
      watcher.interrupt();
      report(insertedAt, raw, onKafka);
      api.archiveWorkflow(workflowId); // first: the trigger stops before its collection goes
      archived = true;
      collection.drop();
    } finally {
      if (!archived) {
        api.archiveWorkflow(workflowId);
      }
    }
  }

  private void createTrigger(String workflowId, String collection) throws Exception {
    String json =
        "{\"type\":\"data_change\",\"name\":\"bench\",\"enabled\":true,"
            + "\"config\":{\"collection\":\"%s\",\"operations\":[\"insert\"]}}";
    HttpResponse<String> created =
        api.createTriggerAsync(workflowId, json.formatted(collection)).join();
    if (created.statusCode() != 201) {
      throw new IllegalStateException("trigger not created: " + created.body());
    }
  }

  /** The raw change stream: when each insert reached a client of the same server. */
  private static void watch(MongoCollection<Document> collection, Map<String, Long> seen) {
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
        collection.watch().maxAwaitTime(200, TimeUnit.MILLISECONDS).cursor()) {
      while (!Thread.currentThread().isInterrupted()) {
        ChangeStreamDocument<Document> change = stream.tryNext();
        if (change != null && change.getDocumentKey() != null) {
          seen.put(change.getDocumentKey().getString("_id").getValue(), System.currentTimeMillis());
        }
      }
    } catch (RuntimeException stopped) {
      // interrupted while waiting on the server
    }
  }

  /** Until a warm-up insert is seen by both the raw stream and the trigger (streams are open). */
  private void warmUp(
      MongoCollection<Document> collection,
      KafkaConsumer<String, String> kafka,
      String workflowId,
      Map<String, Long> raw,
      Map<String, Long> onKafka)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String id = "warm-up-" + i;
      collection.insertOne(new Document("_id", id));
      long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < until) {
        poll(kafka, workflowId, onKafka);
        if (onKafka.containsKey(id) && raw.containsKey(id)) {
          return;
        }
      }
    }
    throw new IllegalStateException("the trigger requested no run within 60 s");
  }

  private Map<String, Long> insert(
      MongoCollection<Document> collection,
      KafkaConsumer<String, String> kafka,
      String workflowId,
      Map<String, Long> onKafka) {
    int inserts = options.get("inserts");
    long intervalNanos = 1_000_000_000L / Math.max(1, options.get("rate"));
    Map<String, Long> insertedAt = new ConcurrentHashMap<>();
    System.out.printf("inserting %d documents, %d per second%n", inserts, options.get("rate"));
    long next = System.nanoTime();
    for (int i = 0; i < inserts; i++) {
      while (System.nanoTime() < next) {
        poll(
            kafka,
            workflowId,
            onKafka,
            Duration.ofMillis(Math.max(1, (next - System.nanoTime()) / 1_000_000)));
      }
      String id = "doc-" + i;
      insertedAt.put(id, System.currentTimeMillis());
      collection.insertOne(new Document("_id", id).append("n", i));
      next += intervalNanos;
    }
    return insertedAt;
  }

  private void report(
      Map<String, Long> insertedAt, Map<String, Long> raw, Map<String, Long> onKafka) {
    List<Double> rawMs = new ArrayList<>();
    List<Double> kafkaMs = new ArrayList<>();
    List<Double> addedMs = new ArrayList<>();
    insertedAt.forEach(
        (id, at) -> {
          Long seen = raw.get(id);
          Long requested = onKafka.get(id);
          if (seen != null) {
            rawMs.add((double) (seen - at));
          }
          if (requested != null) {
            kafkaMs.add((double) (requested - at));
          }
          if (seen != null && requested != null) {
            addedMs.add((double) (requested - seen));
          }
        });
    Percentiles rawP = Percentiles.of(rawMs);
    Percentiles kafkaP = Percentiles.of(kafkaMs);
    System.out.printf("insert -> raw change stream:     %s%n", rawP);
    System.out.printf("insert -> run request on Kafka:  %s%n", kafkaP);
    System.out.printf("added per insert (Kafka - raw): %s%n", Percentiles.of(addedMs));
    System.out.printf(
        "  => p50 added %.1f ms, p99 added %.1f ms (p99 Kafka - p99 raw; target <= 20 ms);"
            + " %d of %d inserts requested%n",
        kafkaP.p50() - rawP.p50(), kafkaP.p99() - rawP.p99(), kafkaMs.size(), insertedAt.size());
  }

  private static void atEnd(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions =
        kafka.partitionsFor(Topics.RUN_REQUESTS).stream()
            .map(p -> new TopicPartition(Topics.RUN_REQUESTS, p.partition()))
            .toList();
    kafka.assign(partitions);
    kafka.seekToEnd(partitions);
    partitions.forEach(kafka::position);
  }

  private static void poll(
      KafkaConsumer<String, String> kafka, String workflowId, Map<String, Long> seen) {
    poll(kafka, workflowId, seen, Duration.ofMillis(100));
  }

  private static void poll(
      KafkaConsumer<String, String> kafka,
      String workflowId,
      Map<String, Long> seen,
      Duration wait) {
    for (ConsumerRecord<String, String> record : kafka.poll(wait)) {
      if (!workflowId.equals(record.key())) {
        continue;
      }
      Matcher id = DOCUMENT_ID.matcher(record.value());
      if (id.find()) {
        seen.putIfAbsent(id.group(1), record.timestamp());
      }
    }
  }

  private KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
