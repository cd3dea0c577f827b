package io.outrun.testing;

/**
 * The Kafka and MongoDB the tests of this JVM run against: started once, on first use, and stopped
 * when the JVM exits. Testcontainers (Kafka, a MongoDB replica set) where a Docker engine answers;
 * otherwise the in-process KRaft broker and mongo-java-server with its oplog on.
 */
public interface TestInfra {

  String kafkaBootstrapServers();

  /** A connection string to the server, without a database name. */
  String mongoConnectionString();

  String description();

  /**
   * Deletes oplog entries older than {@code keep} where the test MongoDB allows it (the in-process
   * one), so a test can make a stored resume point fall off the oplog. False where it cannot.
   */
  default boolean trimOplog(java.time.Duration keep) {
    return false;
  }

  static TestInfra shared() {
    return Holder.INSTANCE;
  }

  /** Lazily started, thread-safe singleton. */
  final class Holder {
    private static final TestInfra INSTANCE = start();

    private Holder() {}

    private static TestInfra start() {
      TestInfra infra =
          ContainerInfra.dockerAvailable() ? ContainerInfra.start() : InProcessInfra.start();
      System.out.println("Test infrastructure: " + infra.description());
      return infra;
    }
  }
}
