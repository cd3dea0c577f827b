package io.outrun.runner;

import io.outrun.bus.EventPublisher;
import io.outrun.testing.TestInfra;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Real runner applications for tests that need more than one, or a restart: each on a random port,
 * against the test Kafka, in a MongoDB database and consumer group of the test's own.
 */
final class RunnerInstances {

  private RunnerInstances() {}

  /** Starts a runner; {@code settings} are further {@code --name=value} arguments. */
  static ConfigurableApplicationContext start(String database, String group, String... settings) {
    TestInfra infra = TestInfra.shared();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoConnectionString(),
                "--spring.mongodb.database=" + database,
                "--outrun.runner.consumer-group=" + group));
    args.addAll(List.of(settings));
    // arguments, not builder properties: those are defaults that application.yml overrides
    return new SpringApplicationBuilder(RunnerApplication.class).run(args.toArray(String[]::new));
  }

  /** The fixtures of a runner started here: its database, its publisher. */
  static RunFixtures fixtures(ConfigurableApplicationContext runner) {
    return new RunFixtures(
        runner.getBean(ReactiveMongoTemplate.class), runner.getBean(EventPublisher.class));
  }
}
