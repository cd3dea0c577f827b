package io.outrun.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook calls sent concurrently to one trigger, each a distinct delivery ({@code webhook-id}),
 * remembering the run id of every one answered 202. Calls that fail (the stack killed under them)
 * are not accepted, whatever became of them.
 */
final class WebhookBurst {

  private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI webhook;
  private final Map<String, String> accepted = new ConcurrentHashMap<>(); // delivery -> run id
  private final Map<String, Integer> outcomes =
      new ConcurrentHashMap<>(); // status or error -> count

  WebhookBurst(String listenerUrl, String triggerId) {
    this.webhook = URI.create(listenerUrl + "/api/webhooks/" + triggerId);
  }

  /** One call; whether it was accepted. */
  boolean send(String delivery) {
    return call(delivery).join();
  }

  /**
   * {@code count} calls, at most {@code concurrency} at once; completes when all are answered. The
   * calls are made from a thread of their own: waiting for a free slot on a common-pool thread
   * would starve the HTTP client's own completions on a two-core machine.
   */
  CompletableFuture<Void> start(int count, int concurrency) {
    Semaphore slots = new Semaphore(concurrency);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("webhook-burst")
        .start(
            () -> {
              CompletableFuture<?>[] calls = new CompletableFuture<?>[count];
              for (int i = 0; i < count; i++) {
                slots.acquireUninterruptibly();
                calls[i] = call("crash-" + i).whenComplete((ok, error) -> slots.release());
              }
              CompletableFuture.allOf(calls).whenComplete((all, error) -> done.complete(null));
            });
    return done;
  }

  /** Delivery id to run id, for every call answered 202 so far. */
  Map<String, String> accepted() {
    return Map.copyOf(accepted);
  }

  /** How many calls got each status code, or failed with each exception: for a failure message. */
  Map<String, Integer> outcomes() {
    return Map.copyOf(outcomes);
  }

  private CompletableFuture<Boolean> call(String delivery) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("webhook-id", delivery)
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + delivery + "\"}"))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              count(String.valueOf(response.statusCode()));
              return response.statusCode() == 202 && remember(delivery, response.body());
            })
        .exceptionally(
            stackGone -> {
              count(stackGone.getClass().getSimpleName());
              return false;
            });
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  private boolean remember(String delivery, String body) {
    Matcher runId = RUN_ID.matcher(body);
    if (runId.find()) {
      accepted.put(delivery, runId.group(1));
      return true;
    }
    return false;
  }
}
