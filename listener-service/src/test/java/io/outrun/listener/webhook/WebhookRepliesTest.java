package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.reply.ReplyProperties;
import io.outrun.listener.reply.RunWaiters;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.triggers.WebhookConfig;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Waiting for a run's result: the waiter's life around the publish; Kafka stands in here. */
class WebhookRepliesTest {

  private static final WebhookConfig LAST_NODE =
      new WebhookConfig(
          WebhookConfig.Method.POST,
          WebhookConfig.AuthType.NONE,
          null,
          List.of(),
          ResponseFormat.JSON,
          null,
          null,
          null,
          new WebhookConfig.Response(WebhookConfig.ResponseMode.LAST_NODE, 1_000));
  private static final FireableTrigger TRIGGER =
      new FireableTrigger("t-1", "ws-1", "wf-1", LAST_NODE, 1);
  private static final WebhookCall CALL =
      new WebhookCall(
          "t-1", "POST", "/api/webhooks/t-1", new HttpHeaders(), new LinkedMultiValueMap<>());
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final List<RunRequested> published = new ArrayList<>();
  private final RunWaiters waiters =
      new RunWaiters(new ReplyProperties(1, false, Duration.ofSeconds(30)));
  private final WebhookReplies replies = new WebhookReplies(runs(), waiters, Mono::empty);

  @Test
  void runThatDoesNotEndInTimeAnswers202WithItsRunIdAndReleasesTheWaiter() {
    StepVerifier.withVirtualTime(() -> replies.start(TRIGGER, CALL, BODY, LAST_NODE))
        .expectSubscription()
        .then(() -> assertThat(waiters.waiting()).isEqualTo(1))
        .thenAwait(Duration.ofMillis(1_000))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isEqualTo(
                        new WebhookOutcome.TimedOut(
                            published.getFirst().runId(), ResponseFormat.JSON)))
        .verifyComplete();
    assertThat(waiters.waiting()).isZero();
  }

  @Test
  void clientGoneReleasesTheWaiter() {
    StepVerifier.withVirtualTime(() -> replies.start(TRIGGER, CALL, BODY, LAST_NODE))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(100))
        .then(() -> assertThat(waiters.waiting()).isEqualTo(1))
        .thenCancel()
        .verify();

    assertThat(published).hasSize(1);
    assertThat(waiters.waiting()).isZero();
  }

  @Test
  void pastTheWaiterLimitAnswers503AndPublishesNothing() {
    RunWaiters.Waiter holder = waiters.register("other-run", "wf-1").orElseThrow();

    StepVerifier.create(replies.start(TRIGGER, CALL, BODY, LAST_NODE))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .verifyComplete();

    assertThat(published).isEmpty();
    holder.close();
    assertThat(waiters.waiting()).isZero();
  }

  private WebhookRuns runs() {
    return new WebhookRuns(
        request ->
            Mono.fromSupplier(
                () -> {
                  published.add(request);
                  return (RunRequestOutcome) new RunRequestOutcome.Published(null);
                }),
        new WebhookRunRequests(
            Clock.systemUTC(),
            new WebhookProperties(
                DataSize.ofKilobytes(64),
                null,
                Duration.ofSeconds(5),
                WebhookProperties.JsonLimits.DEFAULTS)),
        Duration.ofSeconds(5),
        (triggerId, at) -> {},
        new WebhookDeliveries(Duration.ofHours(24), 1_000, Ticker.systemTicker()));
  }
}
