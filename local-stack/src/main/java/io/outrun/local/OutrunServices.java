package io.outrun.local;

import io.outrun.api.TriggerApiApplication;
import io.outrun.devauth.DevTokens;
import io.outrun.listener.ListenerApplication;
import io.outrun.runner.RunnerApplication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * trigger-api, listener-service and runner-service as three Spring contexts in one JVM, pointed at
 * one Kafka and one MongoDB. Each service is configured exactly as it would be alone: by
 * properties; the local stack's are defaults that the environment overrides ({@link
 * ServiceLauncher}).
 */
public final class OutrunServices implements AutoCloseable {

  /**
   * Spring Security is on this JVM's classpath for trigger-api's sake; listener-service and
   * runner-service do not use it, as they would not have it on their own classpath.
   */
  private static final String SECURITY_AUTO_CONFIGURATION =
      String.join(
          ",",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration");

  /**
   * Logback's logger context is one per JVM, and each service's {@code LogbackMetrics} adds a
   * filter to it that counts every log event of the JVM as its service's {@code
   * logback_events_total}: three filters on every logging call, and three counts of each event.
   * trigger-api keeps its own; its series counts the whole local stack's events.
   */
  private static final String LOGBACK_METRICS_AUTO_CONFIGURATION =
      "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback"
          + ".LogbackMetricsAutoConfiguration";

  private final List<ConfigurableApplicationContext> contexts;

  private OutrunServices(List<ConfigurableApplicationContext> contexts) {
    this.contexts = contexts;
  }

  /**
   * Starts the three services in parallel and returns once all are up.
   *
   * @param listenerAdditions configuration added to listener-service's own
   */
  public static OutrunServices start(Settings settings, Class<?>... listenerAdditions) {
    CompletableFuture<ConfigurableApplicationContext> api =
        startAsync(TriggerApiApplication.class, settings.triggerApi(), DevTokens.class);
    CompletableFuture<ConfigurableApplicationContext> listener =
        startAsync(ListenerApplication.class, settings.listener(), listenerAdditions);
    CompletableFuture<ConfigurableApplicationContext> runner =
        startAsync(RunnerApplication.class, settings.runner());
    try {
      return new OutrunServices(List.of(api.join(), listener.join(), runner.join()));
    } catch (CompletionException e) {
      List.of(api, listener, runner)
          .forEach(f -> f.thenAccept(ConfigurableApplicationContext::close));
      throw e;
    }
  }

  /**
   * trigger-api alone, configured by {@code properties} only (no dev-token signer): production
   * sign-in checked against a test identity provider, on the tests' Kafka and MongoDB.
   */
  public static ConfigurableApplicationContext startTriggerApi(Map<String, String> properties) {
    return ServiceLauncher.start(TriggerApiApplication.class, properties);
  }

  private static CompletableFuture<ConfigurableApplicationContext> startAsync(
      Class<?> application, Map<String, String> properties, Class<?>... extraSources) {
    return CompletableFuture.supplyAsync(
        () -> ServiceLauncher.start(application, properties, extraSources));
  }

  /** Closes the three in parallel: each waits out its own graceful shutdown. */
  @Override
  public void close() {
    CompletableFuture.allOf(
            contexts.stream()
                .map(context -> CompletableFuture.runAsync(context::close))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /**
   * Where the infrastructure is and which ports the services take.
   *
   * @param devJwtSecret base64 HMAC key for the local dev tokens
   * @param secretsEncryptionKey base64 AES key for stored webhook and workspace secrets
   */
  public record Settings(
      String kafkaBootstrapServers,
      String mongoConnectionString,
      String database,
      int apiPort,
      int listenerPort,
      int runnerPort,
      String devJwtSecret,
      String secretsEncryptionKey) {

    Map<String, String> triggerApi() {
      Map<String, String> props = common(apiPort);
      props.put("outrun.auth.dev-tokens.enabled", "true");
      props.put("outrun.auth.jwt.hmac-secret", devJwtSecret);
      // Dev tokens carry roles; one signed before roles existed keeps doing everything it did.
      props.put("outrun.auth.default-role", "admin");
      props.put("outrun.api.secrets.encryption-key", secretsEncryptionKey);
      props.put("outrun.api.webhook-base-url", "http://localhost:" + listenerPort);
      // One trigger-api, which forgets a workflow's header on every change it makes: exact here.
      props.put("outrun.api.workflows.header-cache-ttl", "1m");
      return props;
    }

    Map<String, String> listener() {
      Map<String, String> props = withoutTriggerApisParts(common(listenerPort));
      // The key trigger-api encrypts HMAC webhook secrets with, to verify their signatures.
      props.put("outrun.listener.webhook.encryption-key", secretsEncryptionKey);
      return props;
    }

    Map<String, String> runner() {
      Map<String, String> props = withoutTriggerApisParts(common(runnerPort));
      // A laptop's workflows call laptop services; production keeps the default (refused).
      props.put("outrun.runner.egress.allow-private", "true");
      // The key trigger-api encrypts workspace secrets with, to resolve {{ $secrets.NAME }}.
      props.put("outrun.runner.secrets.encryption-key", secretsEncryptionKey);
      return props;
    }

    /**
     * What is on this JVM's classpath for trigger-api's sake or once per JVM, left out of another
     * service: Spring Security, Logback's event counter, and springdoc (its API description and
     * Swagger UI are trigger-api's; the others would serve an empty one, and warn that they do).
     */
    private static Map<String, String> withoutTriggerApisParts(Map<String, String> props) {
      props.put(
          "spring.autoconfigure.exclude",
          SECURITY_AUTO_CONFIGURATION + "," + LOGBACK_METRICS_AUTO_CONFIGURATION);
      props.put("springdoc.api-docs.enabled", "false");
      props.put("springdoc.swagger-ui.enabled", "false");
      return props;
    }

    private Map<String, String> common(int port) {
      Map<String, String> props = new HashMap<>();
      props.put("server.port", String.valueOf(port));
      props.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
      props.put("spring.mongodb.uri", mongoConnectionString);
      props.put("spring.mongodb.database", database);
      return props;
    }
  }
}
