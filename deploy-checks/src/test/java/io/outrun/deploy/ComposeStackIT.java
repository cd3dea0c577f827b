package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.infra.FreePorts;
import io.outrun.testing.TestInfra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose stack without a Docker engine: each Outrun service of docker-compose.yml plus
 * docker-compose.dev.yml started from its production jar (trigger-api from its dev image's
 * classpath, with dev-auth, as the dev file asks), with exactly the environment compose gives it,
 * two mappings aside: the compose hosts {@code kafka:9092} and {@code mongo:27017} become the
 * test's in-process Kafka and MongoDB (or Testcontainers' where Docker runs), and each service's
 * ports become free loopback ports. Then the README's "Try it" runs against them.
 *
 * <p>Separate JVMs rather than three Spring contexts in this one: the jars are what the images hold
 * (dev-auth absent from trigger-api's, Spring Security only in trigger-api's), and nothing of this
 * JVM's environment or classpath leaks in. About 40 s of CPU to start the three.
 */
class ComposeStackIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private static final Map<String, Ports> PORTS = new LinkedHashMap<>();
  private static final List<ServiceProcess> RUNNING = new ArrayList<>();

  /** Where a service listens here: its API port and its management port. */
  record Ports(int api, int management) {}

  @BeforeAll
  static void startTheComposeServices() {
    ComposeFile compose = ComposeFiles.dev();
    assertThat(new ComposeCheck(compose).problems()).isEmpty();
    TestInfra infra = TestInfra.shared();
    compose
        .outrunServices()
        .values()
        .forEach(
            service -> {
              Ports ports = new Ports(FreePorts.next(), FreePorts.next());
              PORTS.put(service.name(), ports);
              Map<String, String> env = new LinkedHashMap<>();
              service.environment().forEach((k, v) -> env.put(k, mapHosts(v, infra)));
              env.put("SERVER_PORT", String.valueOf(ports.api()));
              env.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports.management()));
              RUNNING.add(
                  ServiceProcess.start(
                      service.name(),
                      ServiceJar.of(service.module()),
                      service.devImage(),
                      env,
                      ports.management()));
            });
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    CompletableFuture.allOf(
            RUNNING.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(deadline)))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  @AfterAll
  static void stopThem() {
    RUNNING.forEach(ServiceProcess::close);
  }

  @Test
  void everyServiceServesActuatorOnItsManagementPortOnly() {
    PORTS.forEach(
        (service, ports) -> {
          HttpResponse<String> metrics =
              ServiceProcess.get(ports.management(), "/actuator/prometheus");
          HttpResponse<String> onApi = ServiceProcess.get(ports.api(), "/actuator/prometheus");

          assertThat(metrics.statusCode()).as(service).isEqualTo(200);
          assertThat(metrics.body()).as(service).contains("jvm_memory_used_bytes");
          assertThat(onApi == null ? 0 : onApi.statusCode()).as(service).isNotEqualTo(200);
          assertThat(ServiceProcess.get(ports.management(), "/actuator/health/liveness").body())
              .as(service)
              .contains("\"UP\"");
        });
  }

  @Test
  void triggerApiKeepsItsSecurityRulesOnTheManagementPort() {
    int management = PORTS.get("trigger-api").management();

    assertThat(ServiceProcess.get(management, "/actuator/health").statusCode()).isEqualTo(200);
    assertThat(ServiceProcess.get(management, "/actuator").statusCode()).isEqualTo(401);
  }

  @Test
  void theReadmesTryItPasses() {
    ComposeFile compose = ComposeFiles.dev();
    Map<Integer, Integer> published = new LinkedHashMap<>();
    compose
        .outrunServices()
        .keySet()
        .forEach(
            name -> {
              Object ports = compose.services().get(name).get("ports");
              if (ports instanceof List<?> list) {
                for (Object mapping : list) {
                  int host = Integer.parseInt(String.valueOf(mapping).split(":")[0]);
                  published.put(host, PORTS.get(name).api());
                }
              }
            });

    String output = TryItScript.run(TryItScript.fromReadme(), published, 180);

    assertThat(output)
        .contains("\"HELLO ADA\"")
        .contains("\"HELLO GRACE\"")
        .contains("\"HELLO LINUS\"")
        .contains("\"HELLO HOPPER\"");
    assertThat(output).contains("\"triggeredBy\":{\"type\":\"webhook\"");
  }

  /**
   * The compose network's names of Kafka and MongoDB, pointed at the test's: Kafka's address is
   * replaced; a MongoDB URI on the compose host is replaced whole, since its replica set option
   * names the compose member.
   */
  private static String mapHosts(String value, TestInfra infra) {
    if (value == null) {
      return "";
    }
    if (value.startsWith("mongodb://mongo:27017")) {
      return infra.mongoConnectionString();
    }
    return value.replace("kafka:9092", infra.kafkaBootstrapServers());
  }
}
