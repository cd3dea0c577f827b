package io.outrun.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a user waits from {@code POST /api/workflows/{id}/runs} until {@code GET /api/runs/{id}}
 * shows the two-step run completed, against a running stack ({@code ./outrun up}). Runs one at a
 * time, polling every 2 ms, and prints percentiles. Not a test: run it with {@code ./outrun bench
 * latency [runs]}.
 */
public final class RunLatencyBenchmark {

  private static final Pattern FIELD = Pattern.compile("\"(%s)\":\"([^\"]*)\"");
  private final HttpClient http = HttpClient.newHttpClient();
  private final String api;
  private String token;

  private RunLatencyBenchmark(String api) {
    this.api = api;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String api = System.getenv().getOrDefault("OUTRUN_API_URL", "http://localhost:8080");
    new RunLatencyBenchmark(api).run(runs);
  }

  private void run(int runs) throws Exception {
    token =
        field(post("/api/dev/tokens", "{\"userId\":\"bench\",\"workspaceId\":\"bench\"}"), "token");
    String workflowId =
        field(post("/api/workflows", BenchWorkflow.json("latency benchmark")), "id");
    for (int i = 0; i < Math.min(20, runs); i++) {
      timeOneRun(workflowId); // warm-up: JIT, connection pools, consumer assignment
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      micros.add(timeOneRun(workflowId));
    }
    Collections.sort(micros);
    System.out.printf(
        "POST /runs -> completed two-step run, %d runs (after 20 warm-up): p50 %.1f ms, p90 %.1f"
            + " ms, p99 %.1f ms, max %.1f ms%n",
        runs,
        percentile(micros, 50),
        percentile(micros, 90),
        percentile(micros, 99),
        micros.getLast() / 1000.0);
  }

  private long timeOneRun(String workflowId) throws Exception {
    long start = System.nanoTime();
    String runId =
        field(
            post("/api/workflows/" + workflowId + "/runs", "{\"input\":{\"name\":\"b\"}}"),
            "runId");
    while (true) {
      HttpResponse<String> run = send(request("/api/runs/" + runId).GET());
      if (run.statusCode() == 200) {
        String status = field(run.body(), "status");
        if (status.equals("completed")) {
          return (System.nanoTime() - start) / 1000;
        }
        if (status.equals("failed")) {
          throw new IllegalStateException("run failed: " + run.body());
        }
      }
      Thread.sleep(2);
    }
  }

  private static double percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> response =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The first occurrence of a string field: the top-level one in Outrun's responses. */
  private static String field(String json, String name) {
    Matcher matcher = Pattern.compile(FIELD.pattern().formatted(name)).matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return matcher.group(2);
  }
}
