package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WorkflowVersionsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Map<String, Object> ONE_NODE =
      Map.of("nodes", List.of(Map.of("id", "a", "type", "log", "data", Map.of())));

  private final List<String> reads = new CopyOnWriteArrayList<>();
  private final AtomicReference<Mono<Map<String, Object>>> answer = new AtomicReference<>();
  private final WorkflowVersions versions =
      new WorkflowVersions(
          id ->
              Mono.defer(
                  () -> {
                    reads.add(id);
                    return answer.get();
                  }));

  @Test
  void aVersionReadOnceIsKept() {
    answer.set(Mono.just(ONE_NODE));

    StepVerifier.create(versions.find("wf", 1))
        .assertNext(workflow -> assertThat(workflow.nodes()).hasSize(1))
        .expectComplete()
        .verify(WAIT);
    StepVerifier.create(versions.find("wf", 1)).expectNextCount(1).expectComplete().verify(WAIT);

    assertThat(reads).containsExactly("wf:1");
  }

  @Test
  void aReadThatNeverAnswersFailsAfterTheTimeoutAndTheNextCallReadsAgain() {
    answer.set(Mono.never());

    StepVerifier.withVirtualTime(() -> versions.find("wf", 2))
        .expectSubscription()
        .expectNoEvent(WorkflowVersions.READ_TIMEOUT.minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .expectError(TimeoutException.class)
        .verify(WAIT);

    answer.set(Mono.just(ONE_NODE));
    StepVerifier.create(versions.find("wf", 2)).expectNextCount(1).expectComplete().verify(WAIT);
    assertThat(reads).containsExactly("wf:2", "wf:2");
  }

  @Test
  void aMissingVersionIsNotKept() {
    answer.set(Mono.empty());

    StepVerifier.create(versions.find("wf", 3)).expectComplete().verify(WAIT);
    StepVerifier.create(versions.find("wf", 3)).expectComplete().verify(WAIT);

    assertThat(reads).containsExactly("wf:3", "wf:3");
  }
}
