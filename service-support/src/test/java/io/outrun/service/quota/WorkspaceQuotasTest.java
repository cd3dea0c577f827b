package io.outrun.service.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.service.quota.WorkspaceQuotas.Overrides;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WorkspaceQuotasTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final List<String> reads = new CopyOnWriteArrayList<>();

  @Test
  void aReadIsCachedPerWorkspace() {
    WorkspaceQuotas quotas = quotas(Mono.just(new Overrides(null, 60, null)));

    StepVerifier.create(quotas.cached("w1"))
        .expectNext(new Overrides(null, 60, null))
        .expectComplete()
        .verify(WAIT);
    StepVerifier.create(quotas.cached("w1")).expectNextCount(1).expectComplete().verify(WAIT);
    StepVerifier.create(quotas.cached("w2")).expectNextCount(1).expectComplete().verify(WAIT);

    assertThat(reads).containsExactly("w1", "w2");
  }

  @Test
  void aReadThatNeverAnswersFailsAfterTheTimeoutAndIsNotKept() {
    WorkspaceQuotas hung = quotas(Mono.never());

    StepVerifier.withVirtualTime(() -> hung.cached("w1"))
        .expectSubscription()
        .expectNoEvent(WorkspaceQuotas.READ_TIMEOUT.minusMillis(1))
        .thenAwait(WorkspaceQuotas.READ_TIMEOUT)
        .expectError(TimeoutException.class)
        .verify(WAIT);
    // the failed read is not cached: the next call reads again
    StepVerifier.withVirtualTime(() -> hung.cached("w1"))
        .thenAwait(WorkspaceQuotas.READ_TIMEOUT)
        .expectError(TimeoutException.class)
        .verify(WAIT);

    assertThat(reads).containsExactly("w1", "w1");
  }

  @Test
  void aFailedReadIsNotCached() {
    WorkspaceQuotas failing = quotas(Mono.error(new IllegalStateException("no MongoDB")));

    StepVerifier.create(failing.cached("w1")).expectError(IllegalStateException.class).verify(WAIT);
    StepVerifier.create(failing.cached("w1")).expectError(IllegalStateException.class).verify(WAIT);

    assertThat(reads).containsExactly("w1", "w1");
  }

  private WorkspaceQuotas quotas(Mono<Overrides> answer) {
    return new WorkspaceQuotas(
        workspaceId ->
            Mono.defer(
                () -> {
                  reads.add(workspaceId);
                  return answer;
                }),
        10);
  }
}
