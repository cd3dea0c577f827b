package io.outrun.bench;

import io.outrun.bench.WebhookLoad.Request;
import io.outrun.bench.WebhookLoad.Result;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ./outrun bench webhooks}: how many signed webhooks per second the listener accepts, and
 * how fast it answers at half that rate, next to a bare endpoint on the same server. Not a test;
 * the {@code outrun} script starts a stack (with the bare endpoint on) when none answers.
 *
 * <p>It deploys a one-{@code log}-node workflow with an {@code hmac} webhook trigger through
 * trigger-api, then, with its own load generator ({@link WebhookLoad}, HTTP/1.1 keep-alive
 * connections):
 *
 * <ol>
 *   <li>bare endpoint ({@code /bench/bare}, 202 without work; skipped when the listener has it
 *       off): saturation, {@code --connections} requests always in flight, accepted/s over {@code
 *       --seconds} after {@code --warmup}; then half that rate open loop for {@code
 *       --latency-seconds}, p50/p99 from each request's intended send time;
 *   <li>the webhook, each request with its own JSON body of about {@code --body-bytes} and its own
 *       {@code X-Signature: sha256=<hex HMAC-SHA256(secret, body)>}: the same two phases. A 202
 *       means the run request is on Kafka (acks=all); the runner runs them meanwhile, as in
 *       production. Before the half-load phase it waits up to {@code --drain} seconds for the
 *       runner to consume the saturation phase's run requests, so the latency phase measures the
 *       listener rather than that backlog.
 * </ol>
 *
 * <p>Any answer but 202, and any failed request, is an error. For each measured window it prints
 * where CPU went ({@link CpuShares}), and for each saturation window the stack's CPU milliseconds
 * per accepted request, steadier than a rate on a shared machine: the webhook's includes running
 * the accepted runs, as far as the runner kept up during the window (it says whether it did). It
 * ends with the figures, the ratios and the targets.
 */
public final class WebhookBenchmark {

  private static final String BARE_PATH = "/bench/bare";

  /** Issues 5 and 18. */
  private static final int TARGET_RATE = 3_000;

  /** Issue 5 only. */
  private static final double TARGET_SHARE_OF_BARE = 0.30;

  /** Issues 5 and 18. */
  private static final double TARGET_P99_MS = 25;

  private final WebhookBenchOptions options;
  private final CpuShares cpu = CpuShares.find(System.getenv());

  private WebhookBenchmark(WebhookBenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    BenchArgs.main(
        args,
        a -> WebhookBenchOptions.parse(a, System.getenv()),
        options -> new WebhookBenchmark(options).run());
  }

  /**
   * One endpoint's figures; {@code halfLoad} null when that phase was skipped. {@code cpuMs}: the
   * stack's CPU milliseconds per accepted request over the saturation window (NaN: not measured).
   */
  private record Figures(
      String name,
      Result saturation,
      double elsewhereAtSaturation,
      double cpuMs,
      int halfRate,
      Result halfLoad) {
    long errors() {
      return saturation.errors()
          + saturation.errorsOutsideWindow()
          + (halfLoad == null ? 0 : halfLoad.errors() + halfLoad.errorsOutsideWindow());
    }
  }

  private void run() throws Exception {
    OutrunApi api = new OutrunApi(options.apiUrl());
    if (!api.healthy()) {
      throw new IllegalStateException("no stack answers on " + options.apiUrl());
    }
    api.signIn("bench-" + UUID.randomUUID().toString().substring(0, 8));
    String workflowId = api.createWorkflowFrom(BenchWorkflow.logOnlyJson("webhook benchmark"));
    api.deployAfterTestRun(workflowId);
    OutrunApi.WebhookTrigger trigger = api.createHmacWebhook(workflowId, "webhook benchmark");
    String path = URI.create(trigger.webhookUrl()).getRawPath();
    Signer signer = new Signer(trigger.secret(), options.bodyBytes());
    printSetup(path);
    try (WebhookLoad load = new WebhookLoad(options.listenerUrl(), options.connections());
        RunnerBacklog backlog = new RunnerBacklog(options.kafkaBootstrap())) {
      awaitAccepted(load, path, signer);
      WebhookLoad.Answer bareAnswer = bareEndpoint(load, signer);
      Figures bare = null;
      if (bareAnswer.status() == 202) {
        bare = measure("bare endpoint", BARE_PATH, signer::unsigned, load, null);
      } else {
        System.out.printf(
            "%nThe listener has no bare endpoint (%s answered %d %s): no ratio. Stop the"
                + " stack and let ./outrun bench webhooks start its own (BenchStack, which has"
                + " it).%n",
            BARE_PATH, bareAnswer.status(), WebhookLoad.abbreviate(bareAnswer.body()));
      }
      Figures webhook = measure("webhook (hmac)", path, signer::signed, load, backlog);
      System.out.printf(
          "%nrunner: %d run requests not consumed yet when the load stopped; a stack left up"
              + " runs them all.%n",
          backlog.runRequests());
      printSummary(webhook, bare);
    }
  }

  private void printSetup(String path) {
    System.out.printf(
        "Webhook benchmark: POST %s%s, hmac-signed JSON bodies of ~%d bytes, %d connections%n"
            + "stack JVM: %s%n",
        options.listenerUrl(),
        path,
        options.bodyBytes(),
        options.connections(),
        CpuShares.stackJvmFlags());
  }

  /** Until the listener's registry has the new trigger (it learns of it by change stream). */
  private static void awaitAccepted(WebhookLoad load, String path, Signer signer)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      WebhookLoad.Answer answer = load.post(path, signer.signed(-1)).block();
      if (answer.status() == 202) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the webhook did not answer 202 within 30 s: " + answer.status() + " " + answer.body());
      }
      Thread.sleep(50);
    }
  }

  /** The bare endpoint's answer: 202 when it is on (a failed request counts as 599). */
  private static WebhookLoad.Answer bareEndpoint(WebhookLoad load, Signer signer)
      throws InterruptedException {
    WebhookLoad.Answer answer = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        answer = load.post(BARE_PATH, signer.unsigned(0)).block(Duration.ofSeconds(10));
        if (answer.status() == 202 || answer.status() == 404) {
          return answer;
        }
      } catch (RuntimeException e) {
        answer = new WebhookLoad.Answer(599, e.toString());
      }
      Thread.sleep(200);
    }
    return answer;
  }

  private Figures measure(
      String name,
      String path,
      LongFunction<Request> requests,
      WebhookLoad load,
      RunnerBacklog backlog)
      throws InterruptedException {
    System.out.printf(
        "%n== %s: saturation, %d connections, %d s measured after %d s warm-up (and on while the"
            + " JIT compiler is busy, %d s at most)%n",
        name,
        options.connections(),
        options.seconds(),
        options.warmup(),
        Math.max(options.warmup(), options.warmupMax()));
    CpuWindow window = new CpuWindow(cpu, backlog == null ? null : backlog::runRequests);
    JitCompiler.UntilSettled warmup =
        new JitCompiler.UntilSettled(cpu, options.warmupMax(), JitCompiler.WINDOW_SECONDS);
    Result saturation =
        load.saturate(path, requests, options.warmup(), warmup, options.seconds(), window);
    System.out.println("  " + warmup.settling("--warmup", options.warmup(), "--warmup-max"));
    double cpuMs = window.stackMs() / saturation.accepted();
    System.out.printf(
        "  %.0f accepted/s, %d errors (%d outside the window)%s; latency %s%n"
            + "  stack CPU per accepted request: %.2f ms%s%n    %s%n",
        saturation.acceptedPerSecond(),
        saturation.errors(),
        saturation.errorsOutsideWindow(),
        saturation.lastErrorNote(),
        saturation.latency().text("requests", "none answered"),
        cpuMs,
        window.backlogNote(),
        window.usage().text());
    double elsewhere = window.usage().elsewhere();
    if (!options.latencyPhase()) {
      return new Figures(name, saturation, elsewhere, cpuMs, 0, null);
    }
    if (backlog != null) {
      drain(backlog);
    }
    int rate = options.latencyRate(saturation.acceptedPerSecond());
    int settle = Math.max(2, Math.min(options.warmup(), 5));
    System.out.printf(
        "== %s: half load, %d/s open loop, %d s measured after %d s%n",
        name, rate, options.latencySeconds(), settle);
    window = new CpuWindow(cpu, null);
    GcWindow pauses = GcWindow.of(options.listenerUrl());
    Result half =
        load.fixedRate(
            path,
            requests,
            rate,
            settle,
            options.latencySeconds(),
            WebhookLoad.Window.both(window, pauses));
    System.out.printf(
        "  %.0f accepted/s, %d errors (%d outside the window)%s%n"
            + "  latency from intended send: %s%n"
            + "  slowest per second of the window, ms: %s%n    %s%n    %s%n",
        half.acceptedPerSecond(),
        half.errors(),
        half.errorsOutsideWindow(),
        half.lastErrorNote(),
        half.latency().text("requests", "none answered"),
        half.slowestBySecondText(),
        window.usage().text(),
        pauses.text());
    return new Figures(name, saturation, elsewhere, cpuMs, rate, half);
  }

  private void drain(RunnerBacklog backlog) throws InterruptedException {
    long before = backlog.runRequests();
    if (options.drain() == 0 || before <= 0) {
      System.out.printf("  runner backlog: %d run requests not consumed yet%n", before);
      return;
    }
    long started = System.nanoTime();
    long after = backlog.awaitAtMost(0, options.drain());
    System.out.printf(
        "  runner backlog: %d run requests not consumed at the end of saturation, %d after"
            + " waiting %.0f s (--drain=%d)%n",
        before, after, (System.nanoTime() - started) / 1e9, options.drain());
  }

  private void printSummary(Figures webhook, Figures bare) {
    System.out.println();
    System.out.println("Result (accepted/s at saturation; latency at half that rate, open loop)");
    String header = "  %-16s %11s %7s %10s %8s %8s %8s %10s%n";
    System.out.printf(
        header,
        "endpoint",
        "accepted/s",
        "errors",
        "half rate",
        "p50 ms",
        "p99 ms",
        "max ms",
        "CPU ms/req");
    row(webhook);
    if (bare != null) {
      row(bare);
    }
    double share =
        bare == null
            ? Double.NaN
            : webhook.saturation().acceptedPerSecond() / bare.saturation().acceptedPerSecond();
    if (bare != null) {
      System.out.printf(
          "  webhook / bare: %.0f %% of the bare endpoint's rate; %.1f times its stack CPU per"
              + " accepted request%n",
          share * 100, webhook.cpuMs() / bare.cpuMs());
    }
    double rate = webhook.saturation().acceptedPerSecond();
    if (webhook.elsewhereAtSaturation() >= 10) {
      System.out.printf(
          "  other processes on this machine used %.0f %% of one core during the webhook's"
              + " saturation window: the figures are lower than the machine can do alone%n",
          webhook.elsewhereAtSaturation());
    }
    System.out.printf(
        "%nTargets (issues 5 and 18):%n  >= %,d accepted webhooks/s with 0 errors: %s (%.0f/s,"
            + " %d errors)%n",
        TARGET_RATE, verdict(rate >= TARGET_RATE && webhook.errors() == 0), rate, webhook.errors());
    System.out.printf(
        "  >= %.0f %% of the bare endpoint's rate (issue 5): %s%n",
        TARGET_SHARE_OF_BARE * 100,
        bare == null
            ? "n/a (no bare endpoint)"
            : verdict(share >= TARGET_SHARE_OF_BARE) + " (%.0f %%)".formatted(share * 100));
    if (webhook.halfLoad() != null) {
      double p99 = webhook.halfLoad().latency().p99();
      System.out.printf(
          "  p99 <= %.0f ms at half load: %s (%.1f ms at %d/s)%n",
          TARGET_P99_MS, verdict(p99 <= TARGET_P99_MS), p99, webhook.halfRate());
    }
  }

  private static void row(Figures figures) {
    Result half = figures.halfLoad();
    System.out.printf(
        "  %-16s %11.0f %7d %10s %8s %8s %8s %10.2f%n",
        figures.name(),
        figures.saturation().acceptedPerSecond(),
        figures.errors(),
        half == null ? "-" : figures.halfRate() + "/s",
        half == null ? "-" : "%.1f".formatted(half.latency().p50()),
        half == null ? "-" : "%.1f".formatted(half.latency().p99()),
        half == null ? "-" : "%.1f".formatted(half.latency().max()),
        figures.cpuMs());
  }

  private static String verdict(boolean met) {
    return met ? "PASS" : "MISS";
  }

  /**
   * Bodies, each different (a sequence number), of about the requested size, and their {@code hmac}
   * signatures. One {@link Mac} per thread: requests are made on several.
   */
  private static final class Signer {
    private final SecretKeySpec key;
    private final String padding;
    private final ThreadLocal<Mac> macs;

    Signer(String secret, int bodyBytes) {
      this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
      this.padding = "x".repeat(Math.max(0, bodyBytes - 120));
      this.macs =
          ThreadLocal.withInitial(
              () -> {
                try {
                  Mac mac = Mac.getInstance("HmacSHA256");
                  mac.init(key);
                  return mac;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }

    byte[] body(long sequence) {
      return ("{\"event\":\"bench.ping\",\"sequence\":%d,\"sentAt\":\"%s\","
              + "\"data\":{\"source\":\"outrun bench webhooks\",\"note\":\"%s\"}}")
          .formatted(sequence, Instant.now(), padding)
          .getBytes(StandardCharsets.UTF_8);
    }

    Request signed(long sequence) {
      byte[] body = body(sequence);
      String signature = "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(body));
      return new Request(body, "X-Signature", signature);
    }

    Request unsigned(long sequence) {
      return new Request(body(sequence), null, null);
    }
  }
}
