package io.outrun.listener;

import io.outrun.testing.TestInfra;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real listener applications for tests that need more than one replica, or a restart: each on a
 * random port, against the test Kafka and a MongoDB database of the test's own.
 */
public final class ListenerInstances {

  private ListenerInstances() {}

  /** Starts a listener; {@code settings} are further {@code --name=value} arguments. */
  public static ConfigurableApplicationContext start(String database, String... settings) {
    TestInfra infra = TestInfra.shared();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoConnectionString(),
                "--spring.mongodb.database=" + database,
                "--outrun.listener.webhook.encryption-key="
                    + WebhookSecretFixtures.ENCRYPTION_KEY));
    args.addAll(List.of(settings));
    // arguments, not builder properties: those are defaults that application.yml overrides
    return new SpringApplicationBuilder(ListenerApplication.class).run(args.toArray(String[]::new));
  }
}
