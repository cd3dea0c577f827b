package io.outrun.runner.engine;

import static io.outrun.runner.engine.TestRuns.edges;
import static io.outrun.runner.engine.TestRuns.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.secret.WorkspaceSecrets;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A run's steps from its start, or from where an earlier execution stopped, to its verdict, in
 * virtual time: the run's timeout counted from its start, steps recorded earlier announced again
 * and not run again, a failure recorded earlier ending the run.
 */
class StepSchedulerTest {

  /** A schedule that never gives its verdict fails the test instead of hanging it. */
  private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(20);

  private final ScriptedNode work = new ScriptedNode("work");
  private final MemoryStepLog log = new MemoryStepLog();
  private final StepScheduler scheduler =
      new StepScheduler(
          new NodeExecutors(List.of(work)),
          log,
          WorkspaceSecrets.none(),
          StepSchedulerTest::reusableSteps,
          new VirtualClock());

  private final Workflow threeSteps =
      new Workflow(
          List.of(
              node("n1", "work", "ms", 1000),
              node("n2", "work", "ms", 1000),
              node("n3", "work", "ms", 1000)),
          edges("n1>n2", "n2>n3"));

  private final Workflow chain =
      new Workflow(
          List.of(node("a", "work", "ms", 1000), node("b", "work", "ms", 1000)), edges("a>b"));

  @Test
  void aRunEndsCompletedWithItsLastStepLeftForItsEndingToStore() {
    RunDocument run = TestRuns.running(Instant.EPOCH, List.of());
    StepTrail trail = new StepTrail(run, new Announcements());

    StepVerifier.withVirtualTime(() -> scheduler.run(run, chain, trail))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("a");
    assertThat(trail.steps()).extracting(StepDocument::nodeId).containsExactly("a", "b");
    StepDocument last = trail.unrecorded().getFirst();
    assertThat(trail.unrecorded()).containsExactly(last);
    assertThat(last.nodeId()).isEqualTo("b");
    assertThat(last.startedAt()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(last.durationMs()).isEqualTo(1000);
    // announced only once the ending has stored it
    assertThat(log.announced()).extracting(StepDocument::nodeId).containsExactly("a");
    trail.endingStored();
    assertThat(log.announced()).extracting(StepDocument::nodeId).containsExactly("a", "b");
    assertThat(trail.unrecorded()).isEmpty();
  }

  @Test
  void aFailedStepIsTheLastStepLeftForTheEnding() {
    RunDocument run = TestRuns.running(Instant.EPOCH, List.of());
    StepTrail trail = new StepTrail(run, new Announcements());
    Workflow failing =
        new Workflow(
            List.of(node("a", "work", "fail", "boom"), node("b", "work", "ms", 1000)),
            edges("a>b"));

    StepVerifier.withVirtualTime(() -> scheduler.run(run, failing, trail))
        .expectNextMatches(verdict -> verdict.status().equals("failed"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(log.recorded()).isEmpty();
    assertThat(trail.unrecorded()).extracting(StepDocument::nodeId).containsExactly("a");
    assertThat(work.attempts("b")).isZero();
  }

  @Test
  void theRunsTimeoutFailsItAndCancelsTheStepsInFlight() {
    Workflow bounded = withTimeout(chain, 1500);

    StepVerifier.withVirtualTime(() -> run(TestRuns.running(Instant.EPOCH, List.of()), bounded))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1499))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.failed("run exceeded its timeout of 1500 ms"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.events())
        .containsExactly("start a@0", "end a@1000", "start b@1000", "cancel b@1500");
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("a");
  }

  @Test
  void theTimeoutCountsFromTheRunsStartNotFromThisExecution() {
    RunDocument startedEarlier = TestRuns.running(Instant.EPOCH.minusMillis(600), List.of());

    StepVerifier.withVirtualTime(() -> run(startedEarlier, withTimeout(chain, 1000)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(399))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.failed("run exceeded its timeout of 1000 ms"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
  }

  @Test
  void aRunResumedPastItsTimeoutFailsAtOnceWithoutRunningAStep() {
    RunDocument longAgo = TestRuns.running(Instant.EPOCH.minusSeconds(60), List.of());

    StepVerifier.withVirtualTime(() -> run(longAgo, withTimeout(chain, 1000)))
        .expectNext(Verdict.failed("run exceeded its timeout of 1000 ms"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(log.recorded()).isEmpty();
  }

  @Test
  void stepsRecordedEarlierAreAnnouncedAgainAndOnlyTheRestRun() {
    StepDocument a = TestRuns.completed("a", Map.of("node", "a"));
    RunDocument resumed = TestRuns.running(Instant.EPOCH, List.of(a));
    StepTrail trail = new StepTrail(resumed, new Announcements());

    StepVerifier.withVirtualTime(() -> scheduler.run(resumed, chain, trail))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    // the step recorded earlier is announced again, before the one this execution ran
    trail.endingStored();
    assertThat(log.announced()).extracting(StepDocument::nodeId).containsExactly("a", "b");
    assertThat(log.announced().getFirst()).isSameAs(a);
    assertThat(work.attempts("a")).isZero();
    assertThat(trail.unrecorded()).isEmpty();
    assertThat(trail.steps()).extracting(StepDocument::nodeId).containsExactly("a", "b");
  }

  @Test
  void aFailureRecordedEarlierEndsTheRunFailedWithoutRunningMore() {
    StepDocument failed = TestRuns.failed("a", "node 'a': boom");
    RunDocument resumed = TestRuns.running(Instant.EPOCH, List.of(failed));

    StepVerifier.withVirtualTime(() -> run(resumed, chain))
        .expectNext(Verdict.failed("node 'a': boom"))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(log.announced()).containsExactly(failed);
    assertThat(work.events()).isEmpty();
    assertThat(log.recorded()).isEmpty();
  }

  @Test
  void aRetryRecordsTheCompletedStepsOfTheRunItRetriesAsReusedAndRunsOnlyTheRest() {
    RunDocument retry = TestRuns.retryOf("original-1");
    StepTrail trail = new StepTrail(retry, new Announcements());

    StepVerifier.withVirtualTime(() -> scheduler.run(retry, threeSteps, trail))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    assertThat(work.attempts("n1")).isZero();
    assertThat(work.events())
        .containsExactly("start n2@0", "end n2@1000", "start n3@1000", "end n3@2000");
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("n1", "n2");
    assertThat(trail.unrecorded()).extracting(StepDocument::nodeId).containsExactly("n3");
    StepDocument reused = log.step("n1");
    assertThat(reused.isReused()).isTrue();
    assertThat(reused.reusedFrom()).isEqualTo("original-1");
    assertThat(reused.output()).isEqualTo(Map.of("from", "original"));
    assertThat(reused.usage()).isEqualTo(RunDocument.Usage.NONE);
    assertThat(trail.steps()).extracting(StepDocument::nodeId).containsExactly("n1", "n2", "n3");
  }

  @Test
  void aResumedRetryDoesNotRecordAReusedStepTwice() {
    StepDocument n1 = TestRuns.completed("n1", Map.of("from", "original")).reusedFrom("original-1");
    RunDocument resumed = TestRuns.retryOf("original-1", List.of(n1));

    StepTrail trail = new StepTrail(resumed, new Announcements());

    StepVerifier.withVirtualTime(() -> scheduler.run(resumed, threeSteps, trail))
        .thenAwait(Duration.ofMillis(2000))
        .expectNext(Verdict.completed())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
    trail.endingStored();
    assertThat(log.announced()).extracting(StepDocument::nodeId).containsExactly("n1", "n2", "n3");
    assertThat(log.announced().getFirst()).isSameAs(n1);
    assertThat(log.recorded()).extracting(StepDocument::nodeId).containsExactly("n2");
  }

  /**
   * The run {@code original-1}: {@code n1} completed (with usage, which a retry does not charge
   * again), {@code n2} failed.
   */
  private static Mono<List<StepDocument>> reusableSteps(RunDocument run) {
    if (!"original-1".equals(run.triggeredBy().retryOf())) {
      return Mono.just(List.of());
    }
    StepDocument n1 = TestRuns.completed("n1", Map.of("from", "original"));
    return Mono.just(List.of(n1.reusedFrom("original-1")));
  }

  private Mono<Verdict> run(RunDocument run, Workflow workflow) {
    return scheduler.run(run, workflow, new StepTrail(run, new Announcements()));
  }

  private static Workflow withTimeout(Workflow workflow, long timeoutMs) {
    return new Workflow(
        workflow.nodes(), workflow.edges(), new Workflow.Settings(timeoutMs, RetryPolicy.NONE));
  }
}
