package io.outrun.observability;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.outrun.infra.FreePorts;
import io.outrun.local.OutrunServices;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The whole stack (one JVM, the three services on the test's Kafka and MongoDB) scraped by the real
 * Prometheus with the repository's alert rules, under a workload of every trigger type and run
 * outcome: every service's exposition passes {@code promtool check metrics}, and every PromQL
 * expression of every dashboard panel and alert rule is valid and returns series.
 */
class ObservabilityIT {

  private static final List<String> TRIGGER_TYPES =
      List.of("manual", "webhook", "schedule", "data_change", "dependency");

  private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
  private static FakeUpstreams upstreams;
  private static OutrunServices services;
  private static PrometheusServer prometheus;
  private static StackApi api;

  @BeforeAll
  static void startStackPrometheusAndWorkload() throws Exception {
    PrometheusTools.binary("prometheus"); // fails at once, saying how to install, when missing
    PrometheusTools.binary("promtool");
    upstreams = new FakeUpstreams();
    System.setProperty("outrun.runner.ai.base-url", upstreams.baseUrl());
    System.setProperty("outrun.kafka.client-metrics-refresh", "1s");
    TestInfra infra = TestInfra.shared();
    String database = "outrun-obs-" + UUID.randomUUID().toString().substring(0, 8);
    SERVICES.put("trigger-api", FreePorts.next());
    SERVICES.put("listener-service", FreePorts.next());
    SERVICES.put("runner-service", FreePorts.next());
    services =
        OutrunServices.start(
            new OutrunServices.Settings(
                infra.kafkaBootstrapServers(),
                infra.mongoConnectionString(),
                database,
                SERVICES.get("trigger-api"),
                SERVICES.get("listener-service"),
                SERVICES.get("runner-service"),
                "c2VjcmV0LWZvci10aGUtb2JzZXJ2YWJpbGl0eS10ZXN0cyE=",
                "ZW5jcnlwdGlvbi1rZXktZm9yLW9icy10ZXN0cy0zMmI="));
    prometheus = PrometheusServer.start(SERVICES);
    await().atMost(30, SECONDS).until(prometheus::ready);
    // ready is not scraping: Prometheus hands static targets to its scrapers some seconds later
    await().atMost(30, SECONDS).until(() -> prometheus.scrapedTwice(SERVICES.keySet()));

    api = new StackApi(SERVICES.get("trigger-api"), SERVICES.get("listener-service"));
    api.signIn("ws-obs");
    new Workload(api, upstreams).drive(() -> insertLead(infra, database));
    new RawKafka(infra.kafkaBootstrapServers())
        .send("outrun.run-requests", "wf-garbage", "not an event"); // a dead letter
    await()
        .atMost(90, SECONDS)
        .untilAsserted(
            () -> {
              for (String type : TRIGGER_TYPES) {
                assertThat(
                        prometheus
                            .answer("outrun_runner_runs_total{trigger_type=\"" + type + "\"}")
                            .series())
                    .as("Prometheus has scraped a run started by " + type)
                    .isPositive();
              }
              assertThat(
                      prometheus
                          .answer("outrun_runner_runs_total{outcome=\"failed\",test=\"false\"}")
                          .series())
                  .isPositive();
              assertThat(prometheus.answer("kafka_consumer_fetch_manager_records_lag").series())
                  .isPositive();
            });
    // rate() needs two samples of a series within its window: of the series born last (the
    // failed run's), and of every other series, that is two successful scrapes of every service
    // in the last minute; a scrape can fail (timeout) on a loaded machine, trigger-api's too,
    // and the Manual runs panel is the one panel that only trigger-api's scrapes feed
    await()
        .atMost(30, SECONDS)
        .until(
            () ->
                prometheus
                            .answer(
                                "rate(outrun_runner_runs_total{outcome=\"failed\",test=\"false\"}[1m])")
                            .series()
                        > 0
                    && prometheus.scrapedTwice(SERVICES.keySet()));
  }

  private static void insertLead(TestInfra infra, String database) {
    try (MongoClient client = MongoClients.create(infra.mongoConnectionString())) {
      await()
          .atMost(30, SECONDS)
          .until(
              () -> {
                Mono.from(
                        client
                            .getDatabase(database)
                            .getCollection("leads")
                            .insertOne(new Document("status", "hot")))
                    .block();
                return prometheus
                        .answer(
                            "outrun_listener_data_change_events_total{outcome=\"published\"} > 0")
                        .series()
                    > 0;
              });
    }
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (services != null) {
      services.close();
    }
    if (upstreams != null) {
      upstreams.close();
    }
    System.clearProperty("outrun.runner.ai.base-url");
    System.clearProperty("outrun.kafka.client-metrics-refresh");
  }

  @Test
  void everyServicesExpositionPassesPromtoolCheckMetrics() {
    List<String> problems = new ArrayList<>();
    SERVICES.forEach(
        (service, port) -> {
          String exposition =
              api.text(URI.create("http://127.0.0.1:" + port), "/actuator/prometheus");
          PrometheusTools.Result result = PrometheusTools.promtool(exposition, "check", "metrics");
          if (!result.ok() || !result.output().isBlank()) {
            problems.add(service + ":\n" + result.output());
          }
        });

    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyDashboardPanelQueryIsValidAndReturnsSeries() {
    List<Queries.Query> panels = Queries.panels(PrometheusTools.DASHBOARDS);

    assertThat(panels).hasSizeGreaterThan(30);
    assertAllAnswer(panels, "panel queries");
  }

  @Test
  void everyAlertRuleIsValidAndItsMeasureReturnsSeries() {
    List<Queries.Query> alerts = Queries.alerts(PrometheusTools.RULES);
    List<String> invalid =
        alerts.stream()
            .filter(alert -> prometheus.answer(alert.expr()).series() < 0)
            .map(alert -> alert.source() + ": " + prometheus.answer(alert.expr()).error())
            .toList();

    assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
    assertThat(invalid).as("alert expressions Prometheus refuses").isEmpty();
    assertAllAnswer(Queries.alertMeasures(PrometheusTools.RULES), "alert measures");
  }

  @Test
  void prometheusLoadedTheRulesAndScrapesEveryService() {
    // every service scraped successfully (twice) in the last minute; the latest scrape of one can
    // time out on a loaded machine, which `up == 1` at this instant would count as not scraped
    assertThat(prometheus.answer("up").series()).isEqualTo(SERVICES.size());
    assertThat(prometheus.scrapedTwice(SERVICES.keySet())).isTrue();
    assertThat(prometheus.query("ALERTS").path("status").asString()).isEqualTo("success");
    PrometheusTools.Result config =
        PrometheusTools.promtool(null, "check", "config", prometheus.config().toString());
    assertThat(config.ok()).as(config.output()).isTrue();
  }

  @Test
  void aQueryOfAMetricNobodyExportsOrOfBadPromqlIsCaught() {
    assertThat(
            failing(
                List.of(
                    new Queries.Query("made up", "sum(rate(outrun_no_such_meter_total[1m]))"),
                    new Queries.Query("broken", "sum(rate(outrun_runner_runs_total[1m])"))))
        .satisfiesExactly(
            noSeries -> assertThat(noSeries).startsWith("made up: no series"),
            invalid -> assertThat(invalid).startsWith("broken: invalid"));
  }

  /**
   * An invalid query fails at once; one that returns nothing gets up to 30 s. rate() needs two
   * scrapes of a series, and the setup waits for two scrapes of every service, not of every series:
   * a series the workload made last (a webhook's latency, in the listener) may have been scraped
   * once when the queries run (seen in a fresh-clone CI run on a loaded machine).
   */
  private static void assertAllAnswer(List<Queries.Query> queries, String what) {
    assertThat(failing(queries).stream().filter(failure -> failure.contains(": invalid (")))
        .as(what + " Prometheus refuses")
        .isEmpty();
    await()
        .atMost(30, SECONDS)
        .untilAsserted(
            () -> assertThat(failing(queries)).as(what + " that return nothing").isEmpty());
  }

  private static List<String> failing(List<Queries.Query> queries) {
    List<String> failing = new ArrayList<>();
    for (Queries.Query query : queries) {
      PrometheusServer.Answer answer = prometheus.answer(query.expr());
      if (answer.series() < 0) {
        failing.add(query.source() + ": invalid (" + answer.error() + "): " + query.expr());
      } else if (answer.series() == 0) {
        failing.add(query.source() + ": no series: " + query.expr());
      }
    }
    return failing;
  }
}
