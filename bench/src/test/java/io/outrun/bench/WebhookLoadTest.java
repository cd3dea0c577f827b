package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bench.WebhookLoad.Request;
import io.outrun.bench.WebhookLoad.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
}
