package io.outrun.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code ./outrun bench sync-webhooks}: the round trip of a webhook that answers with its run's
 * result ({@code responseMode: last_node}): request → run request on Kafka → runner executes a
 * one-{@code transform} workflow → {@code run-completed} → the listener holding the request → 200
 * with the output. One request at a time (a round trip, not a rate), {@code --warmup} unmeasured
 * first, then {@code --requests} measured; p50/p90/p99/max in ms, and the statuses seen. Then the
 * same with the trigger in {@code accepted} mode (202 once the request is on Kafka), for the part
 * that is publishing alone. Not a test.
 */
public final class SyncWebhookBenchmark {

  private static final String USAGE =
      "usage: ./outrun bench sync-webhooks [--requests=300 --warmup=50]";

  private static final String WORKFLOW =
      """
      {"name": "sync webhook benchmark",
       "nodes": [
         {"id": "shout", "type": "transform", "position": {"x": 0, "y": 0},
          "data": {"expression": "{'greeting': $uppercase('hi ' & $trigger.body.name)}"}}],
       "edges": []}
      """;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, Map.of("requests", 300, "warmup", 50), USAGE, "requests"),
        options -> new SyncWebhookBenchmark().run(options.get("requests"), options.get("warmup")));
  }

  private void run(int requests, int warmup) throws Exception {
    Map<String, String> env = System.getenv();
    String apiUrl = "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080");
    String listenerUrl = "http://localhost:" + BenchArgs.port(env, "OUTRUN_LISTENER_PORT", "8081");
    String mongoUri =
        "mongodb://localhost:"
            + BenchArgs.port(env, "OUTRUN_MONGO_PORT", "27017")
            + "/?directConnection=true";
    OutrunApi api = new OutrunApi(apiUrl);
    if (!api.healthy()) {
      throw new IllegalStateException("no stack answers on " + apiUrl);
    }
    api.signIn("bench-" + UUID.randomUUID().toString().substring(0, 8));
    String workflowId = api.createWorkflowFrom(WORKFLOW);
    api.deployAfterTestRun(workflowId);
    try (ServerCommands commands = new ServerCommands(mongoUri)) {
      RunCosts costs =
          new RunCosts(commands, CpuShares.find(env), PrometheusText.scraper(listenerUrl));
      for (String mode : List.of("last_node", "accepted")) {
        String triggerId = trigger(api, workflowId, mode);
        URI uri = URI.create(listenerUrl + "/api/webhooks/" + triggerId);
        awaitKnown(uri);
        measure(mode, uri, warmup, false);
        RunCosts.Mark from = costs.mark(0);
        measure(mode, uri, requests, true);
        Thread.sleep(1000); // accepted mode: the last runs end meanwhile
        System.out.printf("          %s%n", costs.between(from, costs.mark(requests)));
      }
    }
  }

  private static String trigger(OutrunApi api, String workflowId, String mode) throws Exception {
    String json =
        """
        {"type":"webhook","name":"sync %s","enabled":true,
         "config":{"method":"POST","authType":"none","responseMode":"%s","responseTimeoutMs":10000}}
        """
            .formatted(mode, mode);
    return OutrunApi.field(api.createTriggerAsync(workflowId, json).get().body(), "id");
  }

  /** Until the listener knows the trigger (404 before) and answers a first request. */
  private void awaitKnown(URI uri) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (post(uri, 0).statusCode() == 404) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the webhook answered 404 for 30 s");
      }
      Thread.sleep(50);
    }
  }

  private void measure(String mode, URI uri, int count, boolean print) throws Exception {
    List<Double> millis = new ArrayList<>(count);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      long sent = System.nanoTime();
      HttpResponse<String> answer = post(uri, i);
      millis.add((System.nanoTime() - sent) / 1e6);
      statuses.merge(answer.statusCode(), 1, Integer::sum);
    }
    if (print) {
      Percentiles p = Percentiles.of(millis);
      System.out.printf(
          "%-9s %d requests, one at a time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " statuses %s%n",
          mode, count, p.p50(), p.p90(), p.p99(), p.max(), statuses);
    }
  }

  private HttpResponse<String> post(URI uri, int i) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada " + i + "\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
