package io.outrun.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** The HTTP edge: body limits, CORS for the editor, and call metrics. */
class ApiEdgeIT extends ApiTestSupport {

  private static final int OVER_ONE_MB = 1024 * 1024 + 1;

  @Test
  void declaredBodyOverOneMegabyteIs413Problem() {
    byte[] big =
        ("{\"name\":\"" + "x".repeat(OVER_ONE_MB) + "\"}").getBytes(StandardCharsets.UTF_8);

    as("u1", "ws-" + UUID.randomUUID())
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(big)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(413);
  }

  @Test
  void chunkedBodyOverOneMegabyteIs413Problem() {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    Flux<org.springframework.core.io.buffer.DataBuffer> body =
        Flux.concat(
            Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("{\"name\":\"".getBytes())),
            Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk)),
            Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("\"}".getBytes())));

    as("u1", "ws-" + UUID.randomUUID())
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body, org.springframework.core.io.buffer.DataBuffer.class)
        .exchange()
        .expectStatus()
        .isEqualTo(413);
  }

  @Test
  void unconfiguredOriginGetsNoCorsPermission() {
    client()
        .options()
        .uri("/api/workflows")
        .header(HttpHeaders.ORIGIN, "https://evil.example.org")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
  }

  @Test
  void apiCallsAreCountedByOutcome() {
    client().get().uri("/api/workflows").exchange().expectStatus().isUnauthorized();

    client()
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectBody(String.class)
        .value(
            text ->
                assertThat(text)
                    .containsPattern(
                        "outrun_api_calls_total\\{.*outcome=\"client_error\".*\\} [1-9]"));
  }
}
