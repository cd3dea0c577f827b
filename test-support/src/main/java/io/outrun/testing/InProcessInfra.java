package io.outrun.testing;

import io.outrun.infra.EmbeddedMongo;
import io.outrun.infra.FreePorts;
import io.outrun.infra.KraftBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The in-process servers, for machines without Docker. */
final class InProcessInfra implements TestInfra {

  private final KraftBroker kafka;
  private final EmbeddedMongo mongo;

  private InProcessInfra(KraftBroker kafka, EmbeddedMongo mongo) {
    this.kafka = kafka;
    this.mongo = mongo;
  }

  static InProcessInfra start() {
    try {
      Path kafkaDir = Files.createTempDirectory("outrun-test-kafka");
      KraftBroker kafka = KraftBroker.start(kafkaDir, FreePorts.next(), FreePorts.next(), 3);
      EmbeddedMongo mongo = EmbeddedMongo.inMemory();
      InProcessInfra infra = new InProcessInfra(kafka, mongo);
      Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "test-infra-stop"));
      return infra;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    mongo.close();
    kafka.close();
    deleteRecursively(kafka.logDir());
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory: the OS cleans up what is left
    }
  }

  /** Exposes the oplog trim of the in-process server, for tests of resumption gaps. */
  EmbeddedMongo mongo() {
    return mongo;
  }

  @Override
  public boolean trimOplog(java.time.Duration keep) {
    mongo.trimOplog(keep);
    return true;
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String mongoConnectionString() {
    return mongo.connectionString();
  }

  @Override
  public String description() {
    return "in-process KRaft broker at "
        + kafka.bootstrapServers()
        + ", mongo-java-server at "
        + mongo.connectionString();
  }
}
