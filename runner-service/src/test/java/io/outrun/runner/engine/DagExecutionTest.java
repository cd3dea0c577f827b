package io.outrun.runner.engine;

import static io.outrun.runner.engine.TestRuns.edges;
import static io.outrun.runner.engine.TestRuns.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.node.StandardNodes;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.secret.WorkspaceSecrets;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * One execution of a graph: the schedule in virtual time, with node types scripted to take, fail or
 * hang for given times ({@link ScriptedNode}); and the cost per step of a long chain of real {@code
 * log} nodes.
 */
class DagExecutionTest {

  /** A schedule that never gives its verdict fails the test instead of hanging it. */
  private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(20);

  private final ScriptedNode work = new ScriptedNode("work");
  private final ScriptedNode ai = new ScriptedNode("ai");
  private final NodeExecutors scripted =
      new NodeExecutors(List.of(work, ai, new ScriptedNode("condition")));
  private final MemoryStepLog log = new MemoryStepLog();

  private final NodeExecutors nodes = StandardNodes.executors();
  private final ConcurrentLinkedQueue<StepDocument> recorded = new ConcurrentLinkedQueue<>();

  @Test
  void aNodeStartsOnceAllItsPredecessorsHaveEnded() {
    Workflow diamond =
        new Workflow(
            List.of(
                node("a", "work"),
                node("b", "work", "ms", 1000),
                node("c", "work", "ms", 3000),
                node("d", "work")),
            edges("a>b", "a>c", "b>d", "c>d"));

    inVirtualTime(TestRuns.queued(), diamond)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(2999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .containsExactly(
            "start a@0",
            "end a@0",
            "start b@0",
            "start c@0",
            "end b@1000",
            "end c@3000",
            "start d@3000",
            "end d@3000");
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("a", "b", "c", "d");
  }

  @Test
  void independentBranchesRunInParallel() {
    Workflow three =
        new Workflow(
            List.of(
                node("a", "work", "ms", 1000),
                node("b", "work", "ms", 1000),
                node("c", "work", "ms", 1000)),
            List.of());

    inVirtualTime(TestRuns.queued(), three)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .filteredOn(event -> event.startsWith("start"))
        .containsExactly("start a@0", "start b@0", "start c@0");
  }

  @Test
  void atMostEightNodesRunAtOnce() {
    Workflow nine =
        new Workflow(
            IntStream.range(0, 9).mapToObj(i -> node("n" + i, "work", "ms", 1000)).toList(),
            List.of());

    inVirtualTime(TestRuns.queued(), nine)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .filteredOn(event -> event.startsWith("start"))
        .hasSize(9)
        .endsWith("start n8@1000")
        .filteredOn(event -> event.endsWith("@0"))
        .hasSize(StepScheduler.CONCURRENCY);
  }

  @Test
  void aRetryableFailureIsTriedAgainAfterTheBackoffBeforeItsSuccessorsStart() {
    Workflow flaky =
        new Workflow(
            List.of(
                node(
                    "flaky",
                    "work",
                    "failAttempts",
                    2,
                    "retry",
                    Map.of("maxRetries", 3, "initialDelayMs", 500)),
                node("next", "work")),
            edges("flaky>next"));

    inVirtualTime(TestRuns.queued(), flaky)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .containsExactly(
            "start flaky@0",
            "end flaky@0",
            "start flaky@500",
            "end flaky@500",
            "start flaky@1000",
            "end flaky@1000",
            "start next@1000",
            "end next@1000");
    assertThat(log.step("flaky").attempts()).isEqualTo(3);
    assertThat(log.step("flaky").completed()).isTrue();
  }

  @Test
  void anAttemptPastItsTimeoutIsCancelledAndFailsRetryably() {
    Workflow stuck =
        new Workflow(
            List.of(
                node(
                    "stuck",
                    "work",
                    "hang",
                    true,
                    "timeoutMs",
                    200,
                    "retry",
                    Map.of("maxRetries", 1, "initialDelayMs", 100))),
            List.of());

    inVirtualTime(TestRuns.queued(), stuck)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(499))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.failed("node 'stuck' timed out after 200 ms"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .containsExactly(
            "start stuck@0", "cancel stuck@200", "start stuck@300", "cancel stuck@500");
    assertThat(log.step("stuck").attempts()).isEqualTo(2);
  }

  @Test
  void theFirstFailedStepFailsTheRunCancelsStepsInFlightAndStartsNoOthers() {
    Workflow failing =
        new Workflow(
            List.of(
                node("bad", "work", "ms", 100, "fail", "boom"),
                node("slow", "work", "ms", 1000),
                node("after", "work")),
            edges("slow>after"));

    inVirtualTime(TestRuns.queued(), failing)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(99))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.failed("boom"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .containsExactly("start bad@0", "start slow@0", "end bad@100", "cancel slow@100");
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("bad");
  }

  @Test
  void aConditionsUntakenBranchIsSkippedUpToTheJoinTheOtherBranchKeepsAlive() {
    Workflow branches =
        new Workflow(
            List.of(
                node("check", "condition", "result", true),
                node("yes", "work"),
                node("no", "work"),
                node("afterNo", "work"),
                node("join", "work")),
            edges("check>yes:true", "check>no:false", "no>afterNo", "yes>join", "afterNo>join"));

    inVirtualTime(TestRuns.queued(), branches)
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(log.recorded())
        .extracting(step -> step.nodeId() + ":" + step.status())
        .containsExactlyInAnyOrder(
            "check:completed", "yes:completed", "no:skipped", "afterNo:skipped", "join:completed");
    assertThat(work.attempts("no")).isZero();
    assertThat(work.attempts("afterNo")).isZero();
  }

  @Test
  void anAiNodeOnceTheRunHasUsedItsTokenBudgetFailsWithoutCallingOut() {
    Workflow twoCalls =
        new Workflow(
            List.of(node("first", "ai", "tokens", 150), node("second", "ai", "tokens", 10)),
            edges("first>second"),
            new Workflow.Settings(null, RetryPolicy.NONE, OptionalLong.of(100), 0));

    inVirtualTime(TestRuns.queued(), twoCalls)
        .expectNext(Verdict.failed("budget of 100 tokens per run exhausted"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(ai.attempts("first")).isEqualTo(1);
    assertThat(ai.attempts("second")).isZero();
    assertThat(log.step("second").attempts()).isZero();
  }

  @Test
  void stepsRecordedEarlierAreNotRunAgainAndTheirOutputsAreSeen() {
    RunDocument resumed =
        TestRuns.running(Instant.EPOCH, List.of(TestRuns.completed("a", Map.of("x", 1))));
    Workflow chain = new Workflow(List.of(node("a", "work"), node("b", "work")), edges("a>b"));

    inVirtualTime(resumed, chain)
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.attempts("a")).isZero();
    assertThat(work.attempts("b")).isEqualTo(1);
    assertThat(work.seenBy("b")).isEqualTo(Map.of("a", Map.of("x", 1)));
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("b");
  }

  @Test
  void aStepsSuccessorsStartWhileItIsWrittenAndTheVerdictWaitsForEveryWrite() {
    Workflow chain =
        new Workflow(List.of(node("a", "work"), node("b", "work", "ms", 50)), edges("a>b"));
    StepLog slowWrites =
        new StepLog() {
          @Override
          public Mono<StepDocument> record(RunDocument run, StepDocument step) {
            return Mono.delay(Duration.ofMillis(100)).then(log.record(run, step));
          }

          @Override
          public Mono<Void> announce(RunDocument run, StepDocument step) {
            return Mono.empty();
          }
        };
    NodeSteps steps =
        new NodeSteps(
            new NodeAttempts(scripted::execute, () -> 0.5),
            scripted::consumesAiTokens,
            slowWrites,
            WorkspaceSecrets.none(),
            new VirtualClock());

    StepVerifier.withVirtualTime(() -> new DagExecution(TestRuns.queued(), chain, steps).verdict())
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(149))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events()).containsExactly("start a@0", "end a@0", "start b@0", "end b@50");
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("a", "b");
  }

  private StepVerifier.FirstStep<Verdict> inVirtualTime(RunDocument run, Workflow workflow) {
    NodeSteps steps =
        new NodeSteps(
            new NodeAttempts(scripted::execute, () -> 0.5),
            scripted::consumesAiTokens,
            log,
            WorkspaceSecrets.none(),
            new VirtualClock());
    return StepVerifier.withVirtualTime(() -> new DagExecution(run, workflow, steps).verdict());
  }

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
    NodeSteps steps =
        new NodeSteps(
            new NodeAttempts(nodes::execute, () -> 0.5),
            nodes::consumesAiTokens,
            new StepLog() {
              @Override
              public Mono<StepDocument> record(RunDocument run, StepDocument step) {
                return Mono.fromSupplier(() -> recorded.add(step)).thenReturn(step);
              }

              @Override
              public Mono<Void> announce(RunDocument run, StepDocument step) {
                return Mono.empty();
              }
            },
            WorkspaceSecrets.none(),
            Clock.systemUTC());
    return new DagExecution(queuedRun(), workflow, steps).verdict().block();
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
