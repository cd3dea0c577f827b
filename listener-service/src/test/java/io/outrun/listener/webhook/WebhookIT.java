package io.outrun.listener.webhook;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.WebhookSecretFixtures;
import io.outrun.listener.registry.TriggerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

@ListenerSpringTest
class WebhookIT {

  private static final Duration PROPAGATION = Duration.ofSeconds(1);
  private static final String GITHUB_SECRET = "a-github-webhook-secret-0123456789";
  private static final String TOKEN = "Zm9vYmFyLXRva2VuLTAxMjM0NTY3ODk";

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired EventConsumers consumers;
  @LocalServerPort int port;

  WebTestClient http;

  @BeforeEach
  void waitForRegistry() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(15))
            .build();
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void webhookCreatedAfterStartupStartsARunWithinASecond() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().deployedVersion(3);
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id()).config("method", "POST");
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());

    String[] runId = new String[1];
    await()
        .atMost(1, SECONDS)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () -> {
              Map<String, Object> body =
                  exchange(
                          HttpMethod.POST,
                          "/api/webhooks/" + trigger.id() + "?source=crm&tag=a&tag=b",
                          MediaType.APPLICATION_JSON,
                          "{\"lead\":{\"name\":\"Ada\"}}",
                          headers -> headers.setBearerAuth("secret-token"))
                      .expectStatus()
                      .isAccepted()
                      .expectBody(Map.class)
                      .returnResult()
                      .getResponseBody();
              assertThat(body).containsEntry("success", true);
              assertThat(body).containsEntry("message", "Workflow execution started");
              runId[0] = (String) body.get("runId");
            });

    Delivery<RunRequested> delivery = runRequest(runId[0]);
    RunRequested request = delivery.event();
    assertThat(request.key()).isEqualTo(workflow.id());
    assertThat(request.workflowId()).isEqualTo(workflow.id());
    assertThat(request.workspaceId()).isEqualTo(StoredDocuments.WORKSPACE);
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.test()).isFalse();
    assertThat(request.chainDepth()).isZero();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.WEBHOOK);
    assertThat(request.triggeredBy().triggerId()).isEqualTo(trigger.id());
    assertThat(request.triggeredBy().source()).isEqualTo("POST /api/webhooks/" + trigger.id());
    Map<String, Object> payload = request.triggeredBy().payload();
    assertThat(payload).containsEntry("method", "POST");
    assertThat(payload).containsEntry("path", "/api/webhooks/" + trigger.id());
    assertThat(payload).containsEntry("body", Map.of("lead", Map.of("name", "Ada")));
    assertThat(payload).containsEntry("query", Map.of("source", "crm", "tag", List.of("a", "b")));
  }

  @Test
  void authorizationHeadersAreNotInThePayload() {
    String triggerId = fireableWebhook(Map.of());

    String runId =
        accepted(
            HttpMethod.POST,
            triggerId,
            MediaType.APPLICATION_JSON,
            "{}",
            headers -> {
              headers.setBearerAuth("secret-token");
              headers.set("Cookie", "session=secret");
              headers.set("X-API-Key", "secret-key");
              headers.set("X-Hub-Signature-256", "sha256=abc");
              headers.set("X-Custom-Header", "kept");
            });

    @SuppressWarnings("unchecked")
    Map<String, Object> headers =
        (Map<String, Object>) runRequest(runId).event().triggeredBy().payload().get("headers");
    assertThat(headers).containsEntry("x-custom-header", "kept");
    assertThat(headers)
        .doesNotContainKeys("authorization", "cookie", "x-api-key", "x-hub-signature-256");
    assertThat(headers.toString()).doesNotContain("secret");
  }

  @Test
  void nonJsonBodyIsPassedAsAString() {
    String triggerId = fireableWebhook(Map.of());

    String runId = accepted(HttpMethod.PUT, triggerId, MediaType.TEXT_PLAIN, "name=Ada", h -> {});

    Map<String, Object> payload = runRequest(runId).event().triggeredBy().payload();
    assertThat(payload).containsEntry("body", "name=Ada").containsEntry("method", "PUT");
  }

  @Test
  void badJsonInAJsonRequestIsPassedAsAString() {
    String triggerId = fireableWebhook(Map.of());

    String runId =
        accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, "{not json", h -> {});

    assertThat(runRequest(runId).event().triggeredBy().payload())
        .containsEntry("body", "{not json");
  }

  @Test
  void sameIdempotencyKeyNamesTheSameRun() {
    String triggerId = fireableWebhook(Map.of());
    Consumer<HttpHeaders> key = headers -> headers.set("Idempotency-Key", "delivery-42");

    String first = accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, "{}", key);
    String second = accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, "{}", key);
    String other = accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, "{}", h -> {});

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void disablingATriggerStopsItWithinASecond() {
    String triggerId = fireableWebhook(Map.of());

    update("triggers", triggerId, Update.update("enabled", false));

    assertNotFoundWithin(PROPAGATION, triggerId);
  }

  @Test
  void pausingTheWorkflowStopsItsTriggersWithinASecond() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    insert("workflows", workflow.build());
    String first = fireableWebhook(workflow.id(), Map.of());
    String second = fireableWebhook(workflow.id(), Map.of());

    update("workflows", workflow.id(), Update.update("status", "paused"));

    assertNotFoundWithin(PROPAGATION, first);
    assertNotFoundWithin(PROPAGATION, second);
  }

  @Test
  void resumingTheWorkflowFiresItsTriggersAgain() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().status("paused");
    insert("workflows", workflow.build());
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    insert("triggers", trigger.build());

    update("workflows", workflow.id(), Update.update("status", "active"));

    await()
        .atMost(PROPAGATION)
        .untilAsserted(() -> assertThat(registry.find(trigger.id())).isPresent());
  }

  @Test
  void deletedTriggerIsNotFound() {
    String triggerId = fireableWebhook(Map.of());

    StepVerifier.create(mongo.remove(Query.query(Criteria.where("_id").is(triggerId)), "triggers"))
        .expectNextCount(1)
        .verifyComplete();

    assertNotFoundWithin(PROPAGATION, triggerId);
  }

  @Test
  void unknownTriggerIsNotFoundAsProblemDetails() {
    exchange(HttpMethod.POST, "/api/webhooks/no-such-trigger", MediaType.TEXT_PLAIN, "x", h -> {})
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.title")
        .isEqualTo("Not Found")
        .jsonPath("$.detail")
        .isEqualTo("There is no active webhook at this address.");
  }

  @Test
  void triggerOfAnotherTypeIsNotFound() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    insert("workflows", workflow.build());
    StoredDocuments.TriggerBuilder schedule =
        StoredDocuments.trigger(workflow.id(), "schedule").config("cron", "0 2 * * *");
    insert("triggers", schedule.build());
    await().atMost(PROPAGATION).until(() -> registry.find(schedule.id()).isPresent());

    exchange(HttpMethod.POST, "/api/webhooks/" + schedule.id(), MediaType.TEXT_PLAIN, "x", h -> {})
        .expectStatus()
        .isNotFound();
  }

  @Test
  void githubSignedWebhookStartsARunOverTheRawBody() {
    String triggerId =
        fireableWebhook(
            id ->
                Map.of(
                    "authType", "hmac",
                    "signatureScheme", "github",
                    "secretEncrypted", WebhookSecretFixtures.encrypt(GITHUB_SECRET, id),
                    "keyId", "k-test"));
    String body = "{\"action\":\"opened\",  \"n\": 1}";

    String runId =
        accepted(
            HttpMethod.POST,
            triggerId,
            MediaType.APPLICATION_JSON,
            body,
            headers -> headers.set("X-Hub-Signature-256", githubSignature(GITHUB_SECRET, body)));

    assertThat(runRequest(runId).event().triggeredBy().payload())
        .containsEntry("body", Map.of("action", "opened", "n", 1));
  }

  @Test
  void badOrMissingSignatureIsRefusedWith401AndCounted() {
    String triggerId =
        fireableWebhook(
            id ->
                Map.of(
                    "authType", "hmac",
                    "signatureScheme", "github",
                    "secretEncrypted", WebhookSecretFixtures.encrypt(GITHUB_SECRET, id),
                    "keyId", "k-test"));
    String signature = githubSignature(GITHUB_SECRET, "{\"a\":1}");

    unauthorized(triggerId, "{\"a\":2}", h -> h.set("X-Hub-Signature-256", signature));
    unauthorized(triggerId, "{\"a\":1}", h -> {});
    assertThat(prometheus())
        .contains("outrun_listener_webhook_requests_total{outcome=\"unauthorized\",status=\"401\"}")
        .contains("outrun_listener_webhook_latency_seconds_bucket{outcome=\"unauthorized\"");
  }

  @Test
  void standardWebhookVerifiesAndARedeliveryNamesTheSameRun() {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    String triggerId =
        fireableWebhook(
            id ->
                Map.of(
                    "authType", "hmac",
                    "signatureScheme", "standard",
                    "secretEncrypted", WebhookSecretFixtures.encrypt(secret, id),
                    "keyId", "k-test"));
    String body = "{\"type\":\"invoice.paid\"}";
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signed = "msg_2x9." + timestamp + "." + body;
    Consumer<HttpHeaders> headers =
        h -> {
          h.set("webhook-id", "msg_2x9");
          h.set("webhook-timestamp", timestamp);
          h.set("webhook-signature", "v1,bm90IGl0 v1," + base64Mac(new byte[32], signed));
        };

    String first = accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, body, headers);
    String second = accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, body, headers);

    assertThat(second).isEqualTo(first);
    unauthorized(
        triggerId,
        body,
        headers.andThen(
            h -> h.set("webhook-timestamp", String.valueOf(Long.parseLong(timestamp) - 600))));
  }

  @Test
  void apiKeyWebhookAcceptsItsKeyOnly() {
    String triggerId =
        fireableWebhook(
            Map.of("authType", "api_key", "secretHash", WebhookSecretFixtures.sha256Hex(TOKEN)));

    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", h -> h.set("X-API-Key", TOKEN));
    unauthorized(triggerId, "x", h -> h.set("X-API-Key", TOKEN + "-wrong"));
  }

  @Test
  void previousTokenStopsWorkingOnceItsGraceIsOver() {
    String triggerId =
        fireableWebhook(
            Map.of(
                "authType", "bearer",
                "secretHash", WebhookSecretFixtures.sha256Hex("new-" + TOKEN),
                "previousSecretHash", WebhookSecretFixtures.sha256Hex(TOKEN),
                "previousSecretExpiresAt", Instant.now().plus(Duration.ofHours(24))));
    Consumer<HttpHeaders> previous = headers -> headers.setBearerAuth(TOKEN);
    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", previous);

    update(
        "triggers",
        triggerId,
        Update.update("config.previousSecretExpiresAt", Instant.now().minusSeconds(1)));

    await()
        .atMost(PROPAGATION)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> unauthorized(triggerId, "x", previous));
    accepted(
        HttpMethod.POST,
        triggerId,
        MediaType.TEXT_PLAIN,
        "x",
        headers -> headers.setBearerAuth("new-" + TOKEN));
  }

  @Test
  void webhookWithAnUnknownAuthTypeIsNotFound() {
    String triggerId = fireableWebhook(Map.of("authType", "oauth"));

    exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, "x", h -> {})
        .expectStatus()
        .isNotFound();
  }

  @Test
  void wrongMethodIsRefusedWith405() {
    String triggerId = fireableWebhook(Map.of("method", "POST"));

    exchange(HttpMethod.GET, "/api/webhooks/" + triggerId, null, null, h -> {})
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .valueEquals(HttpHeaders.ALLOW, "POST")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(405);
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() {
    String triggerId = fireableWebhook(Map.of());
    String body = "x".repeat(64 * 1024 + 1);

    exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, body, h -> {})
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void unknownTriggerIsNotFoundEvenWithABodyOverTheLimit() {
    String body = "x".repeat(64 * 1024 + 1);

    exchange(HttpMethod.POST, "/api/webhooks/no-such-trigger", MediaType.TEXT_PLAIN, body, h -> {})
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("There is no active webhook at this address.");
  }

  @Test
  void originOutsideTheAllowListIsRefusedWith403AndCounted() {
    String triggerId =
        fireableWebhook(Map.of("allowedOrigins", List.of("https://app.example.com")));

    exchange(
            HttpMethod.POST,
            "/api/webhooks/" + triggerId,
            MediaType.APPLICATION_JSON,
            "{}",
            h -> h.setOrigin("https://evil.example.com"))
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(403)
        .jsonPath("$.detail")
        .isEqualTo("Requests from this origin are not allowed.");
    assertThat(prometheus())
        .contains("outrun_listener_webhook_requests_total{outcome=\"forbidden_origin\"");
  }

  @Test
  void listedOriginAndRequestsWithoutAnOriginAreAccepted() {
    String triggerId =
        fireableWebhook(Map.of("allowedOrigins", List.of("https://app.example.com")));

    accepted(
        HttpMethod.POST,
        triggerId,
        MediaType.APPLICATION_JSON,
        "{}",
        h -> h.setOrigin("https://app.example.com"));
    accepted(HttpMethod.POST, triggerId, MediaType.APPLICATION_JSON, "{}", h -> {});
  }

  @Test
  void textResponseFormatAnswersPlainText() {
    String triggerId = fireableWebhook(Map.of("responseFormat", "text"));

    String body =
        exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, "x", h -> {})
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(body).startsWith("Workflow execution started: ");
    String runId = body.substring("Workflow execution started: ".length());
    assertThat(runRequest(runId).event().triggeredBy().triggerId()).isEqualTo(triggerId);
  }

  @Test
  void jsonResponseFormatAnswersJson() {
    String triggerId = fireableWebhook(Map.of("responseFormat", "json"));

    exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, "x", h -> {})
        .expectStatus()
        .isAccepted()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true)
        .jsonPath("$.runId")
        .isNotEmpty();
  }

  @Test
  void requestsOverTheRateLimitAreRefusedWith429AndRetryAfter() {
    String triggerId = fireableWebhook(Map.of("rateLimit", Map.of("requestsPerMinute", 2)));
    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", h -> {});
    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", h -> {});

    String retryAfter =
        exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, "x", h -> {})
            .expectStatus()
            .isEqualTo(429)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(HttpHeaders.RETRY_AFTER);

    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 30);
    assertThat(prometheus())
        .contains("outrun_listener_webhook_requests_total{outcome=\"rate_limited\"");
  }

  @Test
  void rateLimitCountsOnlyAuthenticatedRequests() {
    String triggerId =
        fireableWebhook(
            Map.of(
                "authType", "api_key",
                "secretHash", WebhookSecretFixtures.sha256Hex(TOKEN),
                "rateLimit", Map.of("requestsPerMinute", 1)));

    unauthorized(triggerId, "x", h -> h.set("X-API-Key", "wrong"));
    unauthorized(triggerId, "x", h -> h.set("X-API-Key", "wrong"));
    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", h -> h.set("X-API-Key", TOKEN));
  }

  @Test
  void outcomesAreCountedOnThePrometheusEndpoint() {
    exchange(HttpMethod.POST, "/api/webhooks/no-such-trigger", MediaType.TEXT_PLAIN, "x", h -> {})
        .expectStatus()
        .isNotFound();

    assertThat(prometheus())
        .contains("outrun_listener_webhook_requests_total{outcome=\"not_found\"");
  }

  @Test
  void requestTimingsAreTaggedWithTheRoutePatternNotTheTriggerId() {
    String triggerId = fireableWebhook(Map.of());
    accepted(HttpMethod.POST, triggerId, MediaType.TEXT_PLAIN, "x", h -> {});

    await()
        .atMost(PROPAGATION)
        .untilAsserted(
            () ->
                assertThat(prometheus())
                    .contains("uri=\"/api/webhooks/{triggerId}\"")
                    .doesNotContain("uri=\"/api/webhooks/" + triggerId));
  }

  @Test
  void healthShowsTheRegistryUp() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.triggerRegistry.status")
        .isEqualTo("UP")
        .jsonPath("$.components.mongo.status")
        .isEqualTo("UP");
  }

  private String prometheus() {
    return http.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  /** 401 with the one generic answer, whatever check failed. */
  private void unauthorized(String triggerId, String body, Consumer<HttpHeaders> headers) {
    exchange(HttpMethod.POST, "/api/webhooks/" + triggerId, MediaType.TEXT_PLAIN, body, headers)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.detail")
        .isEqualTo("Missing or invalid credentials.");
  }

  private static String base64Mac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String githubSignature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String fireableWebhook(Function<String, Map<String, Object>> configForId) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    insert("workflows", workflow.build());
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    configForId.apply(trigger.id()).forEach(trigger::config);
    insert("triggers", trigger.build());
    await().atMost(PROPAGATION).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }

  private String fireableWebhook(Map<String, Object> config) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    insert("workflows", workflow.build());
    return fireableWebhook(workflow.id(), config);
  }

  private String fireableWebhook(String workflowId, Map<String, Object> config) {
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflowId);
    config.forEach(trigger::config);
    insert("triggers", trigger.build());
    await().atMost(PROPAGATION).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }

  private String accepted(
      HttpMethod method,
      String triggerId,
      MediaType type,
      String body,
      Consumer<HttpHeaders> headers) {
    EntityExchangeResult<Map> result =
        exchange(method, "/api/webhooks/" + triggerId, type, body, headers)
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult();
    return (String) result.getResponseBody().get("runId");
  }

  private WebTestClient.ResponseSpec exchange(
      HttpMethod method, String uri, MediaType type, String body, Consumer<HttpHeaders> headers) {
    WebTestClient.RequestBodySpec request = http.method(method).uri(uri).headers(headers);
    if (type != null) {
      request.contentType(type);
    }
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
  }

  private void assertNotFoundWithin(Duration duration, String triggerId) {
    await()
        .atMost(duration)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () ->
                exchange(
                        HttpMethod.POST,
                        "/api/webhooks/" + triggerId,
                        MediaType.TEXT_PLAIN,
                        "x",
                        h -> {})
                    .expectStatus()
                    .isNotFound());
  }

  private Delivery<RunRequested> runRequest(String runId) {
    Delivery<RunRequested>[] found = new Delivery[1];
    StepVerifier.create(
            consumers
                .create("listener-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().runId().equals(runId))
                .next())
        .consumeNextWith(delivery -> found[0] = delivery)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
    return found[0];
  }

  private void insert(String collection, Document document) {
    StepVerifier.create(mongo.insert(document, collection)).expectNextCount(1).verifyComplete();
  }

  private void update(String collection, String id, Update update) {
    StepVerifier.create(
            mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                update.set("updatedAt", java.time.Instant.now()),
                collection))
        .expectNextCount(1)
        .verifyComplete();
  }
}
