package io.outrun.testing;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test at the shared {@link TestInfra}: use with
 * {@code @ContextConfiguration(initializers = TestInfraInitializer.class)}. Each application
 * context gets a database of its own, so tests in one JVM do not see each other's documents.
 */
public final class TestInfraInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestInfra infra = TestInfra.shared();
    String database = "outrun-" + UUID.randomUUID().toString().substring(0, 8);
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "outrun-test-infra",
                Map.of(
                    "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                    "spring.mongodb.uri", withDatabase(infra.mongoConnectionString(), database),
                    "spring.mongodb.database", database)));
  }

  static String withDatabase(String connectionString, String database) {
    int query = connectionString.indexOf('?');
    String base = query < 0 ? connectionString : connectionString.substring(0, query);
    String options = query < 0 ? "" : connectionString.substring(query);
    return (base.endsWith("/") ? base : base + "/") + database + options;
  }
}
