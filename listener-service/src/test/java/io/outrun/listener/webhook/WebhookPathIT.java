package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code /api/webhooks/{workspaceSlug}/{path}} beside the id address. */
@ListenerSpringTest
class WebhookPathIT {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final String SLUG = "test-workspace";

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  private WebTestClient http;
  private final String path = "orders/" + UUID.randomUUID();

  @BeforeEach
  void workspaceWithSlug() {
    http = WebhookFixtures.client(port);
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
    mongo
        .upsert(
            Query.query(Criteria.where("_id").is(StoredDocuments.WORKSPACE)),
            Update.update("slug", SLUG),
            "workspaces")
        .block(PATIENCE);
  }

  private StoredDocuments.TriggerBuilder webhookAtPath(String method) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    mongo.insert(workflow.build(), "workflows").block(PATIENCE);
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id()).config("path", path).config("method", method);
    mongo.insert(trigger.build(), "triggers").block(PATIENCE);
    return trigger;
  }

  private WebTestClient.ResponseSpec call(HttpMethod method, String uri) {
    return http.method(method)
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"n\":1}")
        .exchange();
  }

  @Test
  void aWebhookIsServedAtItsPathAsSoonAsItIsCreated() {
    StoredDocuments.TriggerBuilder trigger = webhookAtPath("POST");

    Map<String, Object> body =
        call(HttpMethod.POST, "/api/webhooks/" + SLUG + "/" + path)
            .expectStatus()
            .isAccepted()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();

    assertThat(body).containsKey("runId");
    await()
        .atMost(PATIENCE)
        .until(() -> registry.webhookAt(StoredDocuments.WORKSPACE, path).isPresent());
    assertThat(registry.webhookAt(StoredDocuments.WORKSPACE, path)).contains(trigger.id());
    call(HttpMethod.POST, "/api/webhooks/" + SLUG + "/" + path).expectStatus().isAccepted();
    call(HttpMethod.POST, "/api/webhooks/" + trigger.id()).expectStatus().isAccepted();
  }

  @Test
  void methodAnyAcceptsEveryMethodAtThePath() {
    webhookAtPath("ANY");

    for (HttpMethod method :
        new HttpMethod[] {HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.POST}) {
      call(method, "/api/webhooks/" + SLUG + "/" + path).expectStatus().isAccepted();
    }
  }

  @Test
  void theMethodOfAPathWebhookIsCheckedAsAtItsId() {
    webhookAtPath("POST");

    call(HttpMethod.PUT, "/api/webhooks/" + SLUG + "/" + path).expectStatus().isEqualTo(405);
  }

  @Test
  void anUnknownPathOrSlugIsTheSame404() {
    webhookAtPath("POST");

    call(HttpMethod.POST, "/api/webhooks/" + SLUG + "/no/such/path").expectStatus().isNotFound();
    call(HttpMethod.POST, "/api/webhooks/no-such-slug/" + path).expectStatus().isNotFound();
    call(HttpMethod.POST, "/api/webhooks/" + SLUG + "/Not..A..Path").expectStatus().isNotFound();
  }

  @Test
  void aDisabledWebhookIsNotFoundAtItsPath() {
    StoredDocuments.TriggerBuilder trigger = webhookAtPath("POST");
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(trigger.id())),
            Update.update("enabled", false),
            "triggers")
        .block(PATIENCE);

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () ->
                call(HttpMethod.POST, "/api/webhooks/" + SLUG + "/" + path)
                    .expectStatus()
                    .isNotFound());
    assertThat(mongo.findById(trigger.id(), Document.class, "triggers").block(PATIENCE))
        .isNotNull();
  }
}
