package io.outrun.listener.webhook;

import static io.outrun.listener.StoredConfigs.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
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
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * "Never 202 and lose it": the answer waits for Kafka's acknowledgement, and anything else becomes
 * a quick "unavailable" (503). The publisher is a stand-in here; the real Kafka path is in {@link
 * WebhookIT}.
 */
class WebhookRunsTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final FireableTrigger TRIGGER =
      new FireableTrigger("t-1", "ws-1", "wf-1", webhook(Map.of()), 1);
  private static final WebhookCall CALL =
      new WebhookCall(
          "t-1", "POST", "/api/webhooks/t-1", new HttpHeaders(), new LinkedMultiValueMap<>());
  private static final ResponseFormat JSON = ResponseFormat.JSON;
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final List<RunRequested> published = new ArrayList<>();
  private final List<String> fires = new ArrayList<>();

  @Test
  void acknowledgedRunRequestIsAccepted() {
    WebhookRuns runs =
        runs(request -> Mono.<Void>empty().doOnSubscribe(s -> published.add(request)));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.TEXT))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isEqualTo(
                        new WebhookOutcome.Accepted(
                            published.getFirst().runId(), ResponseFormat.TEXT)))
        .verifyComplete();
  }

  @Test
  void unacknowledgedRunRequestIsUnavailableWithinThePublishTimeout() {
    WebhookRuns runs = runs(request -> Mono.never());

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.JSON))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .expectComplete()
        .verify(TIMEOUT.plusSeconds(2));
  }

  @Test
  void failedPublishIsUnavailable() {
    WebhookRuns runs = runs(request -> Mono.error(new IllegalStateException("broker down")));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.JSON))
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

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.JSON))
        .expectNextMatches(WebhookOutcome.Unavailable.class::isInstance)
        .verifyComplete();
  }

  @Test
  void acceptedRunCountsAFireOfItsTriggerAtItsRequestTime() {
    WebhookRuns runs =
        runs(request -> Mono.<Void>empty().doOnSubscribe(s -> published.add(request)));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.JSON))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(fires).containsExactly("t-1@" + published.getFirst().occurredAt());
  }

  @Test
  void unavailableRunCountsNoFire() {
    WebhookRuns runs = runs(request -> Mono.error(new IllegalStateException("broker down")));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, ResponseFormat.JSON))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(fires).isEmpty();
  }

  @Test
  void repeatedDeliveryIsAnsweredWithTheFirstRunWithoutPublishingOrFiring() {
    WebhookRuns runs = runs(acknowledging());
    WebhookCall delivery = withHeader("webhook-id", "msg_1");

    WebhookOutcome first = runs.start(TRIGGER, delivery, BODY, ResponseFormat.JSON).block();
    WebhookOutcome second = runs.start(TRIGGER, delivery, BODY, ResponseFormat.TEXT).block();

    assertThat(published).hasSize(1);
    assertThat(first).isEqualTo(new WebhookOutcome.Accepted(published.getFirst().runId(), JSON));
    assertThat(second)
        .isEqualTo(new WebhookOutcome.Duplicate(published.getFirst().runId(), ResponseFormat.TEXT));
    assertThat(fires).hasSize(1);
  }

  @Test
  void everyDeliveryIdHeaderIsRemembered() {
    for (String header : List.of("webhook-id", "X-GitHub-Delivery", "Idempotency-Key")) {
      WebhookRuns runs = runs(acknowledging());
      WebhookCall delivery = withHeader(header, "d-1");

      runs.start(TRIGGER, delivery, BODY, JSON).block();

      assertThat(runs.start(TRIGGER, delivery, BODY, JSON).block())
          .as(header)
          .isInstanceOf(WebhookOutcome.Duplicate.class);
    }
  }

  @Test
  void sameDeliveryIdOnAnotherTriggerIsAnotherRun() {
    WebhookRuns runs = runs(acknowledging());
    FireableTrigger other = new FireableTrigger("t-2", "ws-1", "wf-1", webhook(Map.of()), 1);

    runs.start(TRIGGER, withHeader("webhook-id", "msg_1"), BODY, JSON).block();
    WebhookOutcome second =
        runs.start(other, withHeader("webhook-id", "msg_1"), BODY, JSON).block();

    assertThat(second).isInstanceOf(WebhookOutcome.Accepted.class);
    assertThat(published).extracting(RunRequested::runId).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void deliveryAnsweredUnavailableIsPublishedAgainWhenRepeated() {
    boolean[] kafkaDown = {true};
    WebhookRuns runs =
        runs(
            request ->
                Mono.defer(
                    () -> {
                      published.add(request);
                      return kafkaDown[0]
                          ? Mono.<Void>error(new IllegalStateException("broker down"))
                          : Mono.<Void>empty();
                    }));
    WebhookCall delivery = withHeader("Idempotency-Key", "k-1");

    assertThat(runs.start(TRIGGER, delivery, BODY, JSON).block())
        .isInstanceOf(WebhookOutcome.Unavailable.class);
    kafkaDown[0] = false;
    assertThat(runs.start(TRIGGER, delivery, BODY, JSON).block())
        .isInstanceOf(WebhookOutcome.Accepted.class);
    assertThat(runs.start(TRIGGER, delivery, BODY, JSON).block())
        .isInstanceOf(WebhookOutcome.Duplicate.class);

    assertThat(published).hasSize(2);
    assertThat(published.get(1).runId()).isEqualTo(published.get(0).runId());
  }

  @Test
  void requestsWithoutADeliveryIdAreNeverAnsweredFromMemory() {
    WebhookRuns runs = runs(acknowledging());

    runs.start(TRIGGER, CALL, BODY, JSON).block();
    runs.start(TRIGGER, CALL, BODY, JSON).block();

    assertThat(published).extracting(RunRequested::runId).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void payloadTooLargeEvenToStoreAsideIsTooLargeNotUnavailable() {
    WebhookRuns runs =
        outcomes(
            request -> Mono.just(new RunRequestOutcome.PayloadTooLarge(16_000_000, 15_728_640)));

    StepVerifier.create(runs.start(TRIGGER, CALL, BODY, JSON))
        .expectNext(new WebhookOutcome.PayloadTooLarge(16_000_000, 15_728_640))
        .verifyComplete();
    assertThat(fires).isEmpty();
  }

  @Test
  void jsonBodyOverALimitIsInvalidAndNothingIsPublished() {
    WebhookRuns runs = runs(acknowledging());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    WebhookCall json =
        new WebhookCall("t-1", "POST", "/api/webhooks/t-1", headers, new LinkedMultiValueMap<>());
    byte[] deep = ("[".repeat(65) + "]".repeat(65)).getBytes(StandardCharsets.UTF_8);

    StepVerifier.create(runs.start(TRIGGER, json, deep, JSON))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isInstanceOfSatisfying(
                        WebhookOutcome.InvalidBody.class,
                        invalid -> assertThat(invalid.detail()).contains("maximum allowed (64)")))
        .verifyComplete();
    assertThat(published).isEmpty();
  }

  private Function<RunRequested, Mono<Void>> acknowledging() {
    return request -> Mono.<Void>empty().doOnSubscribe(s -> published.add(request));
  }

  private static WebhookCall withHeader(String name, String value) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(name, value);
    return new WebhookCall(
        "t-1", "POST", "/api/webhooks/t-1", headers, new LinkedMultiValueMap<>());
  }

  private WebhookRuns runs(Function<RunRequested, Mono<Void>> publish) {
    return outcomes(
        request -> publish.apply(request).thenReturn(new RunRequestOutcome.Published(null)));
  }

  private WebhookRuns outcomes(Function<RunRequested, Mono<RunRequestOutcome>> publish) {
    return new WebhookRuns(
        publish,
        new WebhookRunRequests(
            Clock.systemUTC(),
            new WebhookProperties(
                DataSize.ofKilobytes(64),
                null,
                Duration.ofSeconds(5),
                WebhookProperties.JsonLimits.DEFAULTS)),
        TIMEOUT,
        (triggerId, at) -> fires.add(triggerId + "@" + at),
        new WebhookDeliveries(Duration.ofHours(24), 1_000, Ticker.systemTicker()));
  }
}
