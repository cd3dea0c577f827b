package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link EventTail} against the real Kafka: it reads while someone waits, pauses once nobody has
 * waited for its idle time, and {@link EventTail#ready()} has it read again from the topic's end,
 * never handing on what was written while it was paused.
 */
@SpringBootTest(classes = BusTestApp.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class EventTailIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Duration IDLE = Duration.ofSeconds(1);
  private static final List<String> WORKFLOWS = List.of("a", "b", "c");

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;

  private final String workflows = "tail-" + UUID.randomUUID() + "-";
  private final List<String> handed = new CopyOnWriteArrayList<>();
  private final AtomicBoolean someoneWaits = new AtomicBoolean(true);
  private EventTail<RunRequested> tail;

  @AfterEach
  void stop() {
    if (tail != null) {
      tail.stop();
    }
  }

  @Test
  void pausesOnceNobodyWaitsAndReadsAgainFromTheEndOnceReady() {
    EventTail<RunRequested> tail = started();
    publish("before");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(handed).hasSize(3));
    // while someone waits it reads on past its idle time
    await().during(IDLE.multipliedBy(2)).atMost(PATIENCE).until(tail::isReading);

    someoneWaits.set(false);
    await().atMost(PATIENCE).until(() -> !tail.isReading());
    assertThat(tail.pausedPartitions().block(PATIENCE)).isNotEmpty();
    publish("paused");

    StepVerifier.create(tail.ready()).expectComplete().verify(PATIENCE);
    assertThat(tail.isReading()).isTrue();
    assertThat(tail.pausedPartitions().block(PATIENCE)).isEmpty();
    publish("after");

    // each workflow's records share a partition, so its "paused" record would come before "after"
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(handed).containsAll(handedFor("after")));
    assertThat(handed)
        .containsExactlyInAnyOrderElementsOf(concat(handedFor("before"), handedFor("after")));
  }

  @Test
  void callersOfReadyWhilePausedShareOneResumeAndAllFindItReading() {
    EventTail<RunRequested> tail = started();
    someoneWaits.set(false);
    await().atMost(PATIENCE).until(() -> !tail.isReading());

    StepVerifier.create(Mono.when(tail.ready(), tail.ready(), tail.ready()))
        .expectComplete()
        .verify(PATIENCE);

    assertThat(tail.isReading()).isTrue();
    assertThat(tail.pausedPartitions().block(PATIENCE)).isEmpty();
    publish("after");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(handed).containsExactlyInAnyOrderElementsOf(handedFor("after")));
  }

  private EventTail<RunRequested> started() {
    tail =
        new EventTail<>(
            consumers,
            new EventTail.Spec<>(
                "test requests",
                "tail-it-",
                Topics.RUN_REQUESTS,
                RunRequested.class,
                key -> key != null && key.startsWith(workflows),
                someoneWaits::get,
                IDLE),
            request ->
                handed.add(
                    request.workflowId() + "/" + request.triggeredBy().payload().get("phase")));
    tail.start();
    await().atMost(PATIENCE).until(tail::isAssigned);
    return tail;
  }

  /** What the handler records for the records {@link #publish} writes in {@code phase}. */
  private List<String> handedFor(String phase) {
    return WORKFLOWS.stream().map(workflow -> workflows + workflow + "/" + phase).toList();
  }

  private static List<String> concat(List<String> one, List<String> other) {
    return Stream.concat(one.stream(), other.stream()).toList();
  }

  /** One record for each of three workflows (keys, so most likely several partitions). */
  private void publish(String phase) {
    for (String workflow : WORKFLOWS) {
      StepVerifier.create(publisher.publish(request(workflows + workflow, phase))).verifyComplete();
    }
  }

  private static RunRequested request(String workflowId, String phase) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        workflowId,
        1,
        false,
        TriggeredBy.manual("u1", Map.of("phase", phase)),
        0,
        UUID.randomUUID().toString());
  }
}
