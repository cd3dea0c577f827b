package io.outrun.bench;

import io.outrun.events.EventCodec;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./outrun bench kafka-topic}: a {@code kafka_topic} trigger on a fresh topic of the stack's
 * Kafka ({@code --partitions}, 6) starts the benchmark's two-step workflow for each record. The
 * benchmark writes {@code --records} (3,000) JSON records at {@code --rate} per second (300; 0: as
 * fast as the producer goes), after {@code --warmup} (200) at the same rate whose runs it waits for
 * (the trigger's consumer joins its group meanwhile), and follows the run requests and completions
 * on Kafka. It prints the rates at which records were written, turned into run requests and
 * completed; from each record's timestamp (set by the producer as it sends) to its run request on
 * Kafka (set by the listener's producer) and to its run's completion (the runner's); and what a
 * record's run cost the stack: MongoDB commands and CPU milliseconds, from {@code /proc}, in all
 * and by thread group. The workflow is archived and the topic deleted at the end.
 */
public final class KafkaTopicBenchmark {

  static final String USAGE =
      JitWarmup.withUsage("options: --records=3000 --rate=300 --partitions=6 --warmup=200");

  private static final Map<String, Integer> DEFAULTS =
      JitWarmup.withOption(Map.of("records", 3000, "rate", 300, "partitions", 6, "warmup", 200));

  /** How long after the last record the benchmark waits for the last completion. */
  private static final Duration DRAIN = Duration.ofSeconds(120);

  private static final EventCodec CODEC = new EventCodec();

  private final OutrunApi api;
  private final String kafka;
  private final String mongoUri;
  private final String runnerUrl;
  private final Map<String, String> env;

  private KafkaTopicBenchmark(Map<String, String> env) {
    this.env = env;
    this.api = new OutrunApi("http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"));
    this.kafka = "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092");
    this.mongoUri = "mongodb://localhost:" + BenchArgs.port(env, "OUTRUN_MONGO_PORT", "27017");
    this.runnerUrl = "http://localhost:" + BenchArgs.port(env, "OUTRUN_RUNNER_PORT", "8082");
  }

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE, "records", "partitions"),
        options ->
            new KafkaTopicBenchmark(System.getenv())
                .run(
                    options.get("records"),
                    options.get("rate"),
                    options.get("partitions"),
                    options.get("warmup"),
                    options.get(JitWarmup.OPTION)));
  }

  private void run(int records, int rate, int partitions, int warmup, int jitWarmup)
      throws Exception {
    String topic = "bench.kafka-topic." + UUID.randomUUID().toString().substring(0, 8);
    api.signIn("bench-kafka-topic");
    JitWarmup.run(api, env, jitWarmup);
    String workflowId = api.createWorkflow("kafka_topic benchmark");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try {
        api.deployAfterTestRun(workflowId);
        String trigger =
            """
            {"type":"kafka_topic","name":"bench records","enabled":true,
             "config":{"topic":"%s","startFrom":"created"}}
            """
                .formatted(topic);
        var created = api.createTriggerAsync(workflowId, trigger).get();
        if (created.statusCode() != 201) {
          throw new IllegalStateException("kafka_topic trigger not created: " + created.body());
        }
        // startFrom "created": records written from here on run, whenever the listener joins
        measure(topic, workflowId, records, rate, warmup);
      } finally {
        api.archiveWorkflow(workflowId);
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void measure(String topic, String workflowId, int records, int rate, int warmup)
      throws Exception {
    try (KafkaConsumer<String, byte[]> outrun = outrunTopics();
        KafkaProducer<String, String> producer = producer();
        ServerCommands commands = new ServerCommands(mongoUri)) {
      if (warmup > 0) {
        // the trigger's consumer joins its group, and the code on the path warms up
        System.out.printf("warm-up: %,d records at the same rate%n", warmup);
        write(producer, topic, "warmup-", warmup, rate, new Follow(workflowId), outrun, true);
      }
      RunCosts costs =
          new RunCosts(commands, CpuShares.find(env), PrometheusText.scraper(runnerUrl));
      Follow follow = new Follow(workflowId);
      RunCosts.Mark start = costs.mark(0);
      long startNanos = System.nanoTime();
      System.out.printf(
          "%,d records on %s at %s; one run of a two-step workflow each%n",
          records, topic, rate == 0 ? "full speed" : rate + "/s");
      write(producer, topic, "k", records, rate, follow, outrun, false);
      double writeSeconds = (System.nanoTime() - startNanos) / 1e9;
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (follow.completed() < records && System.nanoTime() < deadline) {
        follow.poll(outrun, Duration.ofMillis(100));
      }
      double allSeconds = (System.nanoTime() - startNanos) / 1e9;
      RunCosts.Mark end = costs.mark(follow.completed());
      follow.report(records, writeSeconds, allSeconds);
      System.out.println(costs.between(start, end));
    }
  }

  /**
   * Writes {@code count} records at {@code rate} per second (0: at once), following Outrun's topics
   * meanwhile; for a warm-up, until each record's run has completed too.
   */
  private static void write(
      KafkaProducer<String, String> producer,
      String topic,
      String keyPrefix,
      int count,
      int rate,
      Follow follow,
      KafkaConsumer<String, byte[]> outrun,
      boolean awaitRuns) {
    long startNanos = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (rate > 0) {
        long due = startNanos + TimeUnit.SECONDS.toNanos(i) / rate;
        while (System.nanoTime() < due) {
          follow.poll(
              outrun, Duration.ofMillis(Math.max(1, (due - System.nanoTime()) / 1_000_000)));
        }
      }
      producer.send(new ProducerRecord<>(topic, keyPrefix + i, "{\"n\":%d}".formatted(i)));
    }
    producer.flush();
    if (awaitRuns) {
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (follow.completed() < count && System.nanoTime() < deadline) {
        follow.poll(outrun, Duration.ofMillis(100));
      }
    }
  }

  /** The run requests and completions of the benchmark's workflow, as they appear on Kafka. */
  private static final class Follow {

    private final String workflowId;

    /** By run id: the source record's timestamp and its run request's, in epoch ms. */
    private final Map<String, long[]> requested = new HashMap<>();

    /** Every completion of the workflow seen, by run id: a warm-up run's may come late. */
    private final Map<String, Long> completions = new HashMap<>();

    private long lastRequest;
    private long lastCompletion;

    Follow(String workflowId) {
      this.workflowId = workflowId;
    }

    void poll(KafkaConsumer<String, byte[]> consumer, Duration wait) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
        if (!workflowId.equals(record.key())
            || !(CODEC.decode(record.value()) instanceof EventCodec.Decoded.Readable readable)) {
          continue;
        }
        switch (readable.event()) {
          case RunRequested request ->
              sourceTimestamp(request)
                  .ifPresent(
                      source -> {
                        requested.putIfAbsent(
                            request.runId(), new long[] {source, record.timestamp()});
                        lastRequest = Math.max(lastRequest, record.timestamp());
                      });
          case RunCompleted completion -> {
            if (completions.putIfAbsent(completion.runId(), record.timestamp()) == null
                && requested.containsKey(completion.runId())) {
              lastCompletion = Math.max(lastCompletion, record.timestamp());
            }
          }
          default -> {}
        }
      }
    }

    /** The runs requested since this began whose completion has been seen. */
    int completed() {
      return (int) requested.keySet().stream().filter(completions::containsKey).count();
    }

    void report(int records, double writeSeconds, double allSeconds) {
      List<Double> toRequest = new ArrayList<>();
      List<Double> toCompleted = new ArrayList<>();
      long firstSource = Long.MAX_VALUE;
      for (Map.Entry<String, long[]> entry : requested.entrySet()) {
        long source = entry.getValue()[0];
        firstSource = Math.min(firstSource, source);
        toRequest.add((double) (entry.getValue()[1] - source));
        Long done = completions.get(entry.getKey());
        if (done != null) {
          toCompleted.add((double) (done - source));
        }
      }
      System.out.printf(
          "written: %.1f records/s over %.1f s; run requests: %,d (%.1f/s from the first record to"
              + " the last request); completed: %,d (%.1f/s to the last completion); %,d of %,d"
              + " records without a completed run after %.1f s%n",
          records / writeSeconds,
          writeSeconds,
          requested.size(),
          rate(requested.size(), firstSource, lastRequest),
          completed(),
          rate(completed(), firstSource, lastCompletion),
          records - completed(),
          records,
          allSeconds);
      System.out.println("record -> run request on Kafka: " + Percentiles.of(toRequest));
      System.out.println("record -> run completed on Kafka: " + Percentiles.of(toCompleted));
    }

    private static double rate(int count, long from, long to) {
      return to > from ? count * 1000.0 / (to - from) : Double.NaN;
    }
  }

  /** The timestamp of the record a {@code kafka_topic} run request was made for. */
  static Optional<Long> sourceTimestamp(RunRequested request) {
    return request.triggeredBy().payload().get("timestamp") instanceof String timestamp
        ? Optional.of(Instant.parse(timestamp).toEpochMilli())
        : Optional.empty();
  }

  /** A reader of Outrun's run requests and completions from their ends as they are now. */
  private KafkaConsumer<String, byte[]> outrunTopics() {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.RUN_REQUESTS, Topics.RUN_COMPLETIONS)) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            1),
        new StringSerializer(),
        new StringSerializer());
  }
}
