package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Never 202 and lose it": the answer waits for Kafka's acknowledgement, and anything else becomes
 * a quick "unavailable" (503). The publisher is a stand-in here; the real Kafka path is in {@link
 * WebhookIT}.
 */
class WebhookRunsTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final FireableTrigger TRIGGER =
      new FireableTrigger("t-1", "ws-1", "wf-1", TriggerType.WEBHOOK, Map.of(), 1);
  private static final WebhookCall CALL =
      new WebhookCall(
          "t-1", "POST", "/api/webhooks/t-1", new HttpHeaders(), new LinkedMultiValueMap<>());
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final List<RunRequested> published = new ArrayList<>();
  private final List<String> fires = new ArrayList<>();

  @Test
  void acknowledgedRunRequestIsAccepted() {
    WebhookRuns runs =
        runs(request -> Mono.<Void>empty().doOnSubscribe(s -> published.add(request)));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.TEXT))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isEqualTo(
                        new WebhookOutcome.Accepted(
                            published.getFirst().runId(), WebhookResponseFormat.TEXT)))
        .verifyComplete();
  }

  @Test
  void unacknowledgedRunRequestIsUnavailableWithinThePublishTimeout() {
    WebhookRuns runs = runs(request -> Mono.never());

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.JSON))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .expectComplete()
        .verify(TIMEOUT.plusSeconds(2));
  }

  @Test
  void failedPublishIsUnavailable() {
    WebhookRuns runs = runs(request -> Mono.error(new IllegalStateException("broker down")));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.JSON))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .verifyComplete();
  }

  @Test
  void publisherThrowingAtOnceIsUnavailable() {
    WebhookRuns runs =
        runs(
            request -> {
              throw new IllegalStateException("producer closed");
            });

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.JSON))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .verifyComplete();
  }

  @Test
  void acceptedRunCountsAFireOfItsTriggerAtItsRequestTime() {
    WebhookRuns runs =
        runs(request -> Mono.<Void>empty().doOnSubscribe(s -> published.add(request)));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.JSON))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(fires).containsExactly("t-1@" + published.getFirst().occurredAt());
  }

  @Test
  void unavailableRunCountsNoFire() {
    WebhookRuns runs = runs(request -> Mono.error(new IllegalStateException("broker down")));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, WebhookResponseFormat.JSON))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(fires).isEmpty();
  }

  private WebhookRuns runs(Function<RunRequested, Mono<Void>> publish) {
    return new WebhookRuns(
        publish,
        new WebhookRunRequests(Clock.systemUTC(), JsonMapper.builder().build()),
        TIMEOUT,
        (triggerId, at) -> fires.add(triggerId + "@" + at));
  }
}
