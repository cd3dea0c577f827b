package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.node.StandardNodes;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DagExecutionTest {

  private final NodeExecutors nodes = StandardNodes.executors();
  private final ConcurrentLinkedQueue<StepDocument> recorded = new ConcurrentLinkedQueue<>();

  @Test
  void chainRunsEveryStepInOrderEachSeeingTheOutputBeforeIt() {
    Verdict verdict = execute(chain(50, "{{ $steps.n%d.output.message }}!"));

    assertThat(verdict).isEqualTo(Verdict.completed());
    assertThat(recorded).extracting(StepDocument::nodeId).hasSize(50).startsWith("n0", "n1");
    assertThat(recorded.stream().reduce((first, last) -> last).orElseThrow().output())
        .isEqualTo(Map.of("message", "step" + "!".repeat(49)));
  }

  /**
   * Work per step must not grow with the length of the graph. Measured as bytes allocated per step
   * (by every thread, so the evaluation threads count), not as time: a quadratic step (a copy of
   * every earlier output per step, a scan of every node per settled step) allocates eight times as
   * much per step over 8,000 steps as over 1,000; linear work the same. Each length runs twice and
   * the lower figure counts, so a one-off (class loading, a JIT compile) does not.
   */
  @Test
  void workPerStepDoesNotGrowWithTheLengthOfTheChain() {
    execute(chain(500, "step {{ $trigger.name }}")); // warm up

    double perStepShort = Math.min(bytesPerStep(1_000), bytesPerStep(1_000));
    double perStepLong = Math.min(bytesPerStep(8_000), bytesPerStep(8_000));

    assertThat(perStepLong).isLessThan(2 * perStepShort);
  }

  private double bytesPerStep(int length) {
    Workflow chain = chain(length, "step {{ $trigger.name }}");
    long before = allocatedByAllThreads();
    long started = System.nanoTime();
    assertThat(execute(chain)).isEqualTo(Verdict.completed());
    double perStep = (double) (allocatedByAllThreads() - before) / length;
    System.out.printf(
        "chain of %d log steps: %d ms, %.0f bytes allocated per step%n",
        length, (System.nanoTime() - started) / 1_000_000, perStep);
    return perStep;
  }

  private Verdict execute(Workflow workflow) {
    recorded.clear();
    return new DagExecution(
            queuedRun(),
            workflow,
            new NodeAttempts(nodes::execute, () -> 0.5),
            nodes::consumesAiTokens,
            (run, step) -> Mono.fromSupplier(() -> recorded.add(step)).thenReturn(step),
            Clock.systemUTC())
        .verdict()
        .block();
  }

  /** A chain n0 -> n1 -> ... of {@code log} nodes; {@code %d} in the message is the previous. */
  static Workflow chain(int length, String message) {
    List<Workflow.Node> chain = new ArrayList<>();
    List<Workflow.Edge> edges = new ArrayList<>();
    chain.add(new Workflow.Node("n0", "log", Map.of("message", "step")));
    for (int i = 1; i < length; i++) {
      chain.add(new Workflow.Node("n" + i, "log", Map.of("message", message.formatted(i - 1))));
      edges.add(new Workflow.Edge("n" + (i - 1), "n" + i));
    }
    return new Workflow(chain, edges);
  }

  private static RunDocument queuedRun() {
    RunRequested request =
        RunRequested.of(
            Instant.now(),
            "ws-1",
            "wf-1",
            1,
            true,
            TriggeredBy.manual("u1", Map.of("name", "Ada")),
            0,
            "manual",
            "wf-1",
            UUID.randomUUID().toString());
    return RunDocument.queued(request, Instant.now());
  }

  private static long allocatedByAllThreads() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, allocated);
    }
    return total;
  }
}
