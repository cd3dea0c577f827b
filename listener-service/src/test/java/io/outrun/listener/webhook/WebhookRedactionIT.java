package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.WebhookSecretFixtures;
import io.outrun.listener.registry.TriggerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/**
 * Issue 5, "logs with redaction (no secret appears in any stored log)": every auth type and
 * signature scheme is called with its secret material in the headers and a secret in the query
 * string, once valid (202) and once with a tampered body (401); no secret and no signature shows in
 * any stored {@code webhook_logs} document (as JSON) nor in what the service logged meanwhile, with
 * the webhook package at DEBUG.
 */
@ListenerSpringTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookRedactionIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String WEBHOOK_LOGGER = "io.outrun.listener.webhook";
  private static final String BODY = "{\"event\":\"lead.created\"}";
  private static final String TAMPERED = "{\"event\":\"lead.deleted\"}";

  private final String apiKey = secret("apikey");
  private final String bearer = secret("bearer");
  private final String hmacSecret = secret("hmac");
  private final String querySecret = secret("query");
  private final byte[] standardKey = secret("standard").getBytes(StandardCharsets.UTF_8);
  private final String standardSecret = "whsec_" + Base64.getEncoder().encodeToString(standardKey);

  /** Everything secret the requests carried: credentials and signatures. */
  private final List<String> secrets = new ArrayList<>();

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  @BeforeEach
  void setUp() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel(WEBHOOK_LOGGER, LogLevel.DEBUG);
    secrets.addAll(List.of(apiKey, bearer, hmacSecret, querySecret, standardSecret));
  }

  @AfterEach
  void restoreLogLevel() {
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel(WEBHOOK_LOGGER, null);
  }

  @Test
  void noSecretOfAnyAuthTypeIsStoredOrLogged(CapturedOutput output) {
    List<String> triggers = new ArrayList<>();
    triggers.add(
        calledTwice(
            id -> Map.of("authType", "api_key", "secretHash", sha256(apiKey)),
            h -> h.set("X-API-Key", apiKey),
            h -> h.set("X-API-Key", apiKey + "-old")));
    triggers.add(
        calledTwice(
            id -> Map.of("authType", "bearer", "secretHash", sha256(bearer)),
            h -> h.setBearerAuth(bearer),
            h -> h.setBearerAuth(bearer + "-old")));
    triggers.add(
        signedCalledTwice(
            id -> hmac(id, "hmac", hmacSecret),
            body -> h -> h.set("X-Signature", "sha256=" + hexMac(hmacSecret, body))));
    triggers.add(
        signedCalledTwice(
            id -> hmac(id, "github", hmacSecret),
            body -> h -> h.set("X-Hub-Signature-256", "sha256=" + hexMac(hmacSecret, body))));
    triggers.add(signedCalledTwice(id -> hmac(id, "stripe", hmacSecret), this::stripeHeaders));
    triggers.add(
        signedCalledTwice(id -> hmac(id, "standard", standardSecret), this::standardHeaders));

    await().atMost(WAIT).until(() -> logs(triggers).size() == 2 * triggers.size());
    List<Document> logs = logs(triggers);
    assertThat(logs).extracting(d -> d.getInteger("status")).containsOnly(202, 401);
    assertThat(secrets).hasSizeGreaterThan(10);
    for (Document bucket : StoredWebhookLogs.buckets(mongo, triggers)) {
      String json = bucket.toJson();
      assertThat(secrets).allSatisfy(secret -> assertThat(json).doesNotContain(secret));
    }
    String logged = output.getAll();
    assertThat(secrets).allSatisfy(secret -> assertThat(logged).doesNotContain(secret));
  }

  /**
   * Creates a fireable webhook with this config, then calls it with the right credentials (202) and
   * with wrong ones (401).
   */
  private String calledTwice(
      Function<String, Map<String, Object>> config,
      Consumer<HttpHeaders> valid,
      Consumer<HttpHeaders> invalid) {
    String triggerId = fireableWebhook(config);
    assertThat(post(triggerId, BODY, valid)).isEqualTo(202);
    assertThat(post(triggerId, BODY, invalid)).isEqualTo(401);
    return triggerId;
  }

  /** The same for a signature: signed over the body, then the same signature on a tampered body. */
  private String signedCalledTwice(
      Function<String, Map<String, Object>> config,
      Function<String, Consumer<HttpHeaders>> signed) {
    String triggerId = fireableWebhook(config);
    Consumer<HttpHeaders> signature = signed.apply(BODY);
    assertThat(post(triggerId, BODY, signature)).isEqualTo(202);
    assertThat(post(triggerId, TAMPERED, signature)).isEqualTo(401);
    return triggerId;
  }

  private Consumer<HttpHeaders> stripeHeaders(String body) {
    String t = String.valueOf(Instant.now().getEpochSecond());
    return h -> h.set("Stripe-Signature", "t=" + t + ",v1=" + hexMac(hmacSecret, t + "." + body));
  }

  private Consumer<HttpHeaders> standardHeaders(String body) {
    String id = "msg_" + UUID.randomUUID();
    String t = String.valueOf(Instant.now().getEpochSecond());
    String signature = remember(base64Mac(standardKey, id + "." + t + "." + body));
    return h -> {
      h.set("webhook-id", id);
      h.set("webhook-timestamp", t);
      h.set("webhook-signature", "v1," + signature);
    };
  }

  private int post(String triggerId, String body, Consumer<HttpHeaders> headers) {
    return WebClient.create("http://localhost:" + port)
        .post()
        .uri("/api/webhooks/" + triggerId + "?token=" + querySecret)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(headers)
        .bodyValue(body)
        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
        .block(WAIT)
        .value();
  }

  private String fireableWebhook(Function<String, Map<String, Object>> config) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    config.apply(trigger.id()).forEach(trigger::config);
    StepVerifier.create(mongo.insert(workflow.build(), "workflows"))
        .expectNextCount(1)
        .verifyComplete();
    StepVerifier.create(mongo.insert(trigger.build(), "triggers"))
        .expectNextCount(1)
        .verifyComplete();
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }

  private List<Document> logs(List<String> triggerIds) {
    return StoredWebhookLogs.entries(mongo, triggerIds);
  }

  private static Map<String, Object> hmac(String triggerId, String scheme, String secret) {
    return Map.of(
        "authType",
        "hmac",
        "signatureScheme",
        scheme,
        "secretEncrypted",
        WebhookSecretFixtures.encrypt(secret, triggerId),
        "keyId",
        "k-test");
  }

  private static String secret(String kind) {
    return kind + "-secret-" + UUID.randomUUID();
  }

  private static String sha256(String secret) {
    return WebhookSecretFixtures.sha256Hex(secret);
  }

  private String hexMac(String secret, String data) {
    return remember(HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), data)));
  }

  private static String base64Mac(byte[] key, String data) {
    return Base64.getEncoder().encodeToString(mac(key, data));
  }

  private String remember(String signature) {
    secrets.add(signature);
    return signature;
  }

  private static byte[] mac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
