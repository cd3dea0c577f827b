package io.outrun.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** Kafka and a MongoDB replica set in containers, where a Docker engine answers. */
final class ContainerInfra implements TestInfra {

  private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  private static final String MONGO_IMAGE = "mongo:8.0";

  private final KafkaContainer kafka;
  private final MongoDBContainer mongo;

  private ContainerInfra(KafkaContainer kafka, MongoDBContainer mongo) {
    this.kafka = kafka;
    this.mongo = mongo;
  }

  static boolean dockerAvailable() {
    if ("false".equalsIgnoreCase(System.getenv("OUTRUN_TESTCONTAINERS"))) {
      return false;
    }
    if (System.getenv("DOCKER_HOST") == null
        && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
      return false; // no engine to ask: skip Testcontainers' probe and its ERROR log
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static ContainerInfra start() {
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
    kafka.start();
    mongo.start();
    return new ContainerInfra(kafka, mongo);
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String mongoConnectionString() {
    return mongo.getReplicaSetUrl().replaceFirst("/test$", "/");
  }

  @Override
  public String description() {
    return "Testcontainers " + KAFKA_IMAGE + " and " + MONGO_IMAGE + " (replica set)";
  }
}
