package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WorkflowHeadersTest {

  private final AtomicInteger reads = new AtomicInteger();
  private final WorkflowHeaders headers =
      new WorkflowHeaders(new WorkflowHeaders.Properties(Duration.ofMinutes(1)));

  @Test
  void aHeaderReadOnceIsKept() {
    find(headers, "ws-1");
    find(headers, "ws-1");

    assertThat(reads).hasValue(1);
  }

  @Test
  void aWorkflowChangedHereIsReadAgain() {
    find(headers, "ws-1");
    headers.forget("wf-1");
    find(headers, "ws-1");

    assertThat(reads).hasValue(2);
  }

  @Test
  void aReadThatAChangeOvertookIsNotKept() {
    StepVerifier.create(
            headers.find(
                "ws-1",
                "wf-1",
                () ->
                    Mono.fromRunnable(() -> headers.forget("wf-1"))
                        .then(Mono.fromSupplier(this::read))))
        .expectNextCount(1)
        .verifyComplete();
    find(headers, "ws-1");

    assertThat(reads).hasValue(2);
  }

  @Test
  void anotherWorkspaceDoesNotSeeAKeptHeader() {
    find(headers, "ws-1");

    StepVerifier.create(headers.find("ws-2", "wf-1", () -> Mono.fromSupplier(this::read)))
        .verifyComplete();
  }

  @Test
  void offByDefaultEveryFindReads() {
    WorkflowHeaders off = new WorkflowHeaders(new WorkflowHeaders.Properties(Duration.ZERO));
    find(off, "ws-1");
    find(off, "ws-1");

    assertThat(reads).hasValue(2);
  }

  private void find(WorkflowHeaders in, String workspaceId) {
    StepVerifier.create(in.find(workspaceId, "wf-1", () -> Mono.fromSupplier(this::read)))
        .expectNextCount(1)
        .verifyComplete();
  }

  private Workflow read() {
    reads.incrementAndGet();
    return new Workflow(
        "wf-1", "ws-1", "wf", List.of(), List.of(), Map.of(), "active", 2, 1, "u1", null, null,
        null);
  }
}
