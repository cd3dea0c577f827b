package io.outrun.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka in KRaft mode (combined broker and controller), running the real broker code
 * in this JVM. Its log directory is formatted on first start and reused after, so topics, records
 * and committed offsets survive a restart when the directory is kept.
 */
public final class KraftBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);
  private static final int NODE_ID = 1;

  /**
   * The log cleaner's map of keys to latest offsets, allocated on the heap once at start and kept:
   * Kafka's default is 128 MB, which was half of the local stack's live heap (every full collection
   * went through it). Only the few compacted topics of a local stack use it (consumer offsets,
   * transaction state): 8 MB holds about 300,000 keys per cleaning pass, and a log with more keys
   * is cleaned in more passes.
   */
  static final long CLEANER_DEDUPE_BUFFER_BYTES = 8L * 1024 * 1024;

  private final Path logDir;
  private final int port;
  private final KafkaRaftServer server;

  private KraftBroker(Path logDir, int port, int controllerPort, int partitions) {
    this.logDir = logDir;
    this.port = port;
    KafkaConfig config =
        new KafkaConfig(properties(logDir, port, controllerPort, partitions), false);
    formatIfNew(logDir);
    this.server = new KafkaRaftServer(config, Time.SYSTEM);
  }

  /**
   * Starts a broker listening on {@code port} (and {@code controllerPort} for its controller) with
   * data under {@code logDir}. Returns once the broker accepts connections.
   */
  public static KraftBroker start(Path logDir, int port, int controllerPort, int partitions) {
    KraftBroker broker = new KraftBroker(logDir, port, controllerPort, partitions);
    broker.server.startup();
    log.info("Kafka (KRaft) listening on {}, data in {}", broker.bootstrapServers(), logDir);
    return broker;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  static Properties properties(Path logDir, int port, int controllerPort, int partitions) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("num.partitions", String.valueOf(partitions));
    // One broker: internal topics must not wait for replicas that will never exist.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "true");
    props.put("log.retention.hours", "168");
    props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_DEDUPE_BUFFER_BYTES));
    return props;
  }

  private static void formatIfNew(Path logDir) {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      new Formatter()
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(logDir.toString())
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setPrintStream(System.out)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not format the Kafka log directory " + logDir, e);
    }
  }
}
