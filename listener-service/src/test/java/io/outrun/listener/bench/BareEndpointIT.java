package io.outrun.listener.bench;

import io.outrun.listener.ListenerSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The listener as deployed (the property unset) has no bare endpoint. */
@ListenerSpringTest
class BareEndpointIT {

  @LocalServerPort int port;

  @Test
  void theDeployedListenerDoesNotAnswerOnTheBareEndpoint() {
    WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .build()
        .post()
        .uri(BareEndpoint.PATH)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isNotFound();
  }
}
