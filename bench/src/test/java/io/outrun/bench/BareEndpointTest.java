package io.outrun.bench;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

class BareEndpointTest {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner().withUserConfiguration(BareEndpoint.class);

  @Test
  void answers202WithNoBodyToAnyMethod() {
    contexts.run(
        context -> {
          WebTestClient http =
              WebTestClient.bindToRouterFunction(context.getBean(RouterFunction.class)).build();
          http.post()
              .uri(BareEndpoint.PATH)
              .bodyValue("{\"event\":\"push\",\"n\":1}")
              .exchange()
              .expectStatus()
              .isAccepted()
              .expectBody()
              .isEmpty();
          http.get().uri(BareEndpoint.PATH).exchange().expectStatus().isAccepted();
          http.post().uri("/bench/other").exchange().expectStatus().isNotFound();
        });
  }
}
