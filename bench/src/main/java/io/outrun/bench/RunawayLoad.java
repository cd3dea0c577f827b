package io.outrun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps runaway test runs going: each of {@code count} threads requests a test run of the runaway
 * workflow, waits until it has ended, and requests the next, until closed. What the runs ended with
 * is kept for the report.
 */
final class RunawayLoad implements AutoCloseable {

  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  /** One runaway run: how it ended, its error, request to ended as this benchmark saw it. */
  record Ended(String status, String error, double millis) {}

  private final OutrunApi api;
  private final String workflowId;
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  private RunawayLoad(OutrunApi api, String workflowId) {
    this.api = api;
    this.workflowId = workflowId;
  }

  /** {@code count} runaway runs of {@code workflowId} kept going; none for a null workflow. */
  static RunawayLoad start(OutrunApi api, String workflowId, int count) {
    RunawayLoad load = new RunawayLoad(api, workflowId);
    for (int i = 0; workflowId != null && i < count; i++) {
      load.threads.add(Thread.ofPlatform().daemon().name("bench-runaway-" + i).start(load::loop));
    }
    return load;
  }

  List<Ended> ended() {
    return List.copyOf(ended);
  }

  private void loop() {
    while (running) {
      try {
        long started = System.nanoTime();
        String runId = api.startRun(workflowId);
        String body = api.run(runId);
        while (running && (body == null || !ENDED.contains(OutrunApi.field(body, "status")))) {
          Thread.sleep(50);
          body = api.run(runId);
        }
        if (body != null && ENDED.contains(OutrunApi.field(body, "status"))) {
          ended.add(
              new Ended(
                  OutrunApi.field(body, "status"),
                  error(body),
                  (System.nanoTime() - started) / 1e6));
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.err.println("bench: a runaway run request failed: " + e);
      }
    }
  }

  /** The run's {@code error}, JSON escapes kept; "" when it has none. */
  private static String error(String body) {
    int start = body.indexOf("\"error\":\"");
    if (start < 0) {
      return "";
    }
    StringBuilder error = new StringBuilder();
    for (int i = start + 9; i < body.length() && body.charAt(i) != '"'; i++) {
      error.append(body.charAt(i));
      if (body.charAt(i) == '\\' && i + 1 < body.length()) {
        error.append(body.charAt(++i));
      }
    }
    return error.toString();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
