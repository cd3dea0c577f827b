package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outrun.bench.WebhookLoad.Request;
import io.outrun.bench.WebhookLoad.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The open-loop phase against a real HTTP server on loopback that stalls on purpose. */
class WebhookLoadTest {

  private static final int RATE = 40;
  private static final Duration STALL = Duration.ofMillis(400);

  private DisposableServer server;

  /** Answers 202 at once, except to the requests numbered RATE to 2 * RATE - 1 (second 1). */
  @BeforeEach
  void start() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (request, response) ->
                    request
                        .receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .flatMap(
                            body -> {
                              int number = Integer.parseInt(body);
                              Mono<Void> answer = response.status(202).send();
                              return number >= RATE && number < 2 * RATE
                                  ? Mono.delay(STALL).then(answer)
                                  : answer;
                            }))
            .bindNow();
  }

  @AfterEach
  void stop() {
    server.disposeNow();
  }

  @Test
  void anOpenLoopPhaseReportsTheSlowestAnswerOfEachSecondOfItsWindow() throws Exception {
    Result result;
    try (WebhookLoad load = new WebhookLoad("http://127.0.0.1:" + server.port(), 64)) {
      result =
          load.fixedRate(
              "/hook",
              i -> new Request(Long.toString(i).getBytes(StandardCharsets.UTF_8), null, null),
              RATE,
              0,
              3,
              WebhookLoad.Window.NONE);
    }

    assertThat(result.accepted()).isEqualTo(3 * RATE);
    assertThat(result.errors()).isZero();
    assertThat(result.slowestBySecond()).hasSize(3);
    assertThat(result.slowestBySecond().get(1)).isGreaterThanOrEqualTo(STALL.toMillis());
    assertThat(result.slowestBySecond().get(0)).isLessThan(STALL.toMillis());
    assertThat(result.slowestBySecond().get(2)).isLessThan(STALL.toMillis());
    assertThat(result.slowestBySecondText()).matches("\\d+ \\d+ \\d+");
    assertThat(result.latency().max()).isEqualTo(result.slowestBySecond().get(1));
  }

  @Test
  void saturationHasNoPerSecondFigures() throws Exception {
    try (WebhookLoad load = new WebhookLoad("http://127.0.0.1:" + server.port(), 4)) {
      Result result =
          load.saturate(
              "/hook",
              i -> new Request("0".getBytes(StandardCharsets.UTF_8), null, null),
              0,
              1,
              WebhookLoad.Window.NONE);
      assertThat(result.accepted()).isPositive();
      assertThat(result.slowestBySecond()).isEmpty();
      assertThat(result.slowestBySecondText()).isEmpty();
    }
  }

  @Test
  void aSaturationWarmUpGoesOnWhileAskedAndTheWindowFollowsIt() throws Exception {
    List<Integer> asked = new ArrayList<>();
    List<Long> windowEdges = new ArrayList<>();
    WebhookLoad.Window edges =
        new WebhookLoad.Window() {
          @Override
          public void started() {
            windowEdges.add(System.nanoTime());
          }

          @Override
          public void ended() {
            windowEdges.add(System.nanoTime());
          }
        };
    long start = System.nanoTime();
    try (WebhookLoad load = new WebhookLoad("http://127.0.0.1:" + server.port(), 4)) {
      Result result =
          load.saturate(
              "/hook",
              i -> new Request("0".getBytes(StandardCharsets.UTF_8), null, null),
              1,
              warmed -> {
                asked.add(warmed);
                return warmed < 3 ? 1 : 0;
              },
              1,
              edges);
      assertThat(result.accepted()).isPositive();
    }

    assertThat(asked).containsExactly(1, 2, 3);
    // measured from the end of the 3 s of warm-up, for 1 s
    assertThat(windowEdges.get(0) - start).isGreaterThanOrEqualTo(Duration.ofSeconds(3).toNanos());
    assertThat(windowEdges.get(1) - windowEdges.get(0))
        .isCloseTo(Duration.ofSeconds(1).toNanos(), within(Duration.ofMillis(200).toNanos()));
  }

  @Test
  void aSaturationWarmUpHearsWhenItsLastWindowStarts() throws Exception {
    List<Long> heard = new ArrayList<>();
    WebhookLoad.Warmup warmup =
        new WebhookLoad.Warmup() {
          @Override
          public int more(int warmed) {
            heard.add(System.nanoTime());
            return 0;
          }

          @Override
          public void lastWindowStarts() {
            heard.add(System.nanoTime());
          }

          @Override
          public int lastWindowSeconds() {
            return 1;
          }
        };
    long start = System.nanoTime();
    try (WebhookLoad load = new WebhookLoad("http://127.0.0.1:" + server.port(), 4)) {
      load.saturate(
          "/hook",
          i -> new Request("0".getBytes(StandardCharsets.UTF_8), null, null),
          2,
          warmup,
          1,
          WebhookLoad.Window.NONE);
    }

    // the last of the 2 s of warm-up starts 1 s in; it ends (more is asked) at 2 s
    assertThat(heard).hasSize(2);
    assertThat(heard.get(0) - start)
        .isBetween(Duration.ofSeconds(1).toNanos(), Duration.ofMillis(1_900).toNanos());
    assertThat(heard.get(1) - start).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
  }
}
