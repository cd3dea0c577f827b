package io.outrun.listener.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * A synchronous webhook whose replica stopped reading completions (nobody waited for {@code
 * tail-idle}) still gets its run's answer: the request resumes the reader before its run is
 * requested. The test plays the runner, answering each of the workflow's requests with a
 * completion.
 */
@ListenerSpringTest
@TestPropertySource(properties = "outrun.listener.reply.tail-idle=1s")
class PausedRepliesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired EventConsumers consumers;
  @Autowired EventPublisher publisher;
  @Autowired CompletionTail completions;
  @LocalServerPort int port;

  private WebTestClient http;
  private Disposable runner;

  @BeforeEach
  void waitForRegistry() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(PATIENCE)
            .build();
    await().atMost(PATIENCE).until(registry::isReady);
  }

  @AfterEach
  void stopRunner() {
    if (runner != null) {
      runner.dispose();
    }
  }

  @Test
  void aWebhookWaitingWhileTheReaderIsPausedGetsItsRunsAnswer() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().deployedVersion(1);
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id())
            .config("method", "POST")
            .config("responseMode", "last_node")
            .config("responseTimeoutMs", 20_000);
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());
    runner = answerRunsOf(workflow.id());
    await().atMost(PATIENCE).until(() -> completions.isAssigned() && !completions.isReading());

    EntityExchangeResult<byte[]> answer = answer(trigger.id());

    assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
    assertThat(new String(answer.getResponseBodyContent())).isEqualTo("{\"total\":42}");
    assertThat(completions.isReading()).isTrue();
  }

  /** The webhook's answer once the listener knows the trigger (404 until then). */
  private EntityExchangeResult<byte[]> answer(String triggerId) {
    EntityExchangeResult<byte[]>[] answer = new EntityExchangeResult[1];
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              answer[0] =
                  http.post()
                      .uri("/api/webhooks/" + triggerId)
                      .contentType(MediaType.APPLICATION_JSON)
                      .bodyValue("{\"n\":1}")
                      .exchange()
                      .expectBody()
                      .returnResult();
              assertThat(answer[0].getStatus()).isNotEqualTo(HttpStatus.NOT_FOUND);
            });
    return answer[0];
  }

  /** A stand-in runner: completes every run requested of {@code workflowId} at once. */
  private Disposable answerRunsOf(String workflowId) {
    return consumers
        .create("paused-replies-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
        .receive()
        .filter(delivery -> delivery.event().workflowId().equals(workflowId))
        .concatMap(delivery -> publisher.publish(completed(delivery.event())))
        .subscribe();
  }

  private static RunCompleted completed(RunRequested request) {
    Instant now = Instant.now();
    return RunCompleted.builder()
        .eventId(UUID.randomUUID().toString())
        .occurredAt(now)
        .workflow(request.workspaceId(), request.workflowId(), request.workflowVersion())
        .runId(request.runId())
        .status(RunOutcome.COMPLETED)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(now)
        .finishedAt(now)
        .outputs(Map.of("sum", Map.of("total", 42)))
        .build();
  }

  private void insert(String collection, Document document) {
    StepVerifier.create(mongo.insert(document, collection)).expectNextCount(1).verifyComplete();
  }
}
