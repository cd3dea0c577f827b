package io.outrun.api;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.devauth.DevTokens;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every IT of trigger-api shares: one application context (same properties, so Spring's
 * context cache reuses it), the real in-process Kafka and MongoDB, and HTTP helpers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "outrun.auth.dev-tokens.enabled=true",
      "outrun.auth.jwt.hmac-secret=" + ApiTestSupport.HMAC_SECRET,
      "outrun.api.webhook-base-url=https://hooks.example.org/",
      "outrun.api.secrets.encryption-key=" + ApiTestSupport.ENCRYPTION_KEY
    })
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import({DevTokens.class, WebSessionCount.class})
public abstract class ApiTestSupport {

  /** base64 of "test-secret-for-outrun-trigger-api-12345" (40 bytes). */
  public static final String HMAC_SECRET =
      "dGVzdC1zZWNyZXQtZm9yLW91dHJ1bi10cmlnZ2VyLWFwaS0xMjM0NQ==";

  /** base64 of 32 bytes: the AES key for webhook HMAC secrets in tests. */
  public static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  protected static final Duration TIMEOUT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired protected ReactiveMongoTemplate mongo;
  @Autowired private EventConsumers runRequests;

  protected WebTestClient client() {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(TIMEOUT)
        .build();
  }

  /** A client whose requests carry a dev token for {@code userId} in {@code workspaceId}. */
  protected WebTestClient as(String userId, String workspaceId) {
    String token = token(userId, workspaceId);
    return client().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
  }

  /** A client whose dev token gives {@code userId} the {@code role} in {@code workspaceId}. */
  protected WebTestClient as(String userId, String workspaceId, String role) {
    String token = tokenRequest(Map.of("userId", userId, "workspaceId", workspaceId, "role", role));
    return client().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
  }

  protected String token(String userId, String workspaceId) {
    return tokenRequest(Map.of("userId", userId, "workspaceId", workspaceId));
  }

  private String tokenRequest(Map<String, String> request) {
    return client()
        .post()
        .uri("/api/dev/tokens")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(request)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(TokenResponse.class)
        .returnResult()
        .getResponseBody()
        .token();
  }

  /** Creates a workflow and answers its id. */
  protected static String createWorkflow(WebTestClient api, Map<String, Object> body) {
    return api.post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("id")
        .toString();
  }

  /** A valid two-step workflow: fetch, then log ({@link WorkflowBody#named}). */
  protected static Map<String, Object> validWorkflow(String name) {
    return WorkflowBody.named(name).build();
  }

  /** The API as {@code userId} of {@code workspaceId} calls it. */
  protected ApiClient apiAs(String userId, String workspaceId) {
    return new ApiClient(as(userId, workspaceId), workspaceId);
  }

  /** The API as {@code userId}, with {@code role}, of {@code workspaceId} calls it. */
  protected ApiClient apiAs(String userId, String workspaceId, String role) {
    return new ApiClient(as(userId, workspaceId, role), workspaceId);
  }

  /**
   * Records a completed test run of {@code version} (the deploy gate, as the runner would), then
   * deploys it.
   */
  protected void deployTested(ApiClient api, String workflowId, int version) {
    insertRun(RunDocument.of(api.workspaceId(), workflowId).version(version).test());
    api.lifecycle(workflowId, "deploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.deployedVersion")
        .isEqualTo(version);
  }

  /** Stores {@code run} as runner-service would have recorded it; answers its id. */
  protected String insertRun(RunDocument run) {
    mongo.insert(run.build(), "runs").block(TIMEOUT);
    return run.id();
  }

  /** The run request trigger-api published on Kafka for {@code runId}. */
  protected RunRequested requestFor(String runId) {
    return deliveryFor(runId).event();
  }

  /** The run request trigger-api published on Kafka for {@code runId}, with its headers. */
  protected Delivery<RunRequested> deliveryFor(String runId) {
    return runRequests
        .create("trigger-api-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
        .receive()
        .filter(delivery -> delivery.event().runId().equals(runId))
        .next()
        .block(TIMEOUT);
  }

  record TokenResponse(String token) {}
}
