package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class EvaluationExecutorTest {

  private static final ExpressionContext CONTEXT =
      new ExpressionContext(Map.of(), Map.of(), "run-1", "wf-1");
  private static final String ENDLESS = "($f := function($n) { $f($n + 1) }; $f(0))";

  private final EvaluationExecutor oneThread =
      new EvaluationExecutor(ExpressionProperties.DEFAULTS.withThreads(1, 1, 10));

  @AfterEach
  void close() {
    oneThread.close();
  }

  @Test
  void evaluationsRunOnNamedDaemonThreadsOfTheirOwn() {
    StepVerifier.create(oneThread.run(Thread::currentThread))
        .assertNext(
            thread -> {
              assertThat(thread.getName()).startsWith("outrun-expr-");
              assertThat(thread.isDaemon()).isTrue();
              assertThat(thread.isVirtual()).isFalse();
            })
        .verifyComplete();
  }

  @Test
  void aRunawayStartsOverOnTheLongLaneAfterItsSliceAndFailsAtItsTimeLimit() {
    Expressions quick = // long enough for its 50 ms slice of CPU on a busy machine
        new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofSeconds(3)));
    List<String> threads = new CopyOnWriteArrayList<>();

    StepVerifier.create(
            oneThread.run(
                () -> {
                  threads.add(Thread.currentThread().getName());
                  return failure(quick, ENDLESS);
                }))
        .assertNext(error -> assertThat(error).contains(": stopped")) // time or memory, by then
        .verifyComplete();
    assertThat(threads).containsExactly("outrun-expr-1", "outrun-expr-long-1");
  }

  @Test
  void theShortLaneStaysFreeWhileARunawayHoldsTheLongLane() throws Exception {
    Expressions patient =
        new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofMinutes(10)));
    CountDownLatch onTheLongLane = new CountDownLatch(1);
    Disposable runaway =
        oneThread
            .run(
                () -> {
                  if (Thread.currentThread().getName().startsWith("outrun-expr-long")) {
                    onTheLongLane.countDown();
                  }
                  return failure(patient, ENDLESS);
                })
            .subscribe();
    assertThat(onTheLongLane.await(10, TimeUnit.SECONDS)).isTrue();

    StepVerifier.create(oneThread.run(() -> patient.evaluate("'free ' & 'again'", CONTEXT)))
        .expectNext("free again")
        .verifyComplete();
    runaway.dispose();
  }

  @Test
  void cancellingAStepStopsItsEvaluationLongBeforeItsTimeLimit() throws Exception {
    Expressions patient =
        new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofMinutes(10)));
    CountDownLatch started = new CountDownLatch(1);
    Disposable step =
        oneThread
            .run(
                () -> {
                  started.countDown();
                  return failure(patient, ENDLESS);
                })
            .subscribe();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    step.dispose();

    StepVerifier.create(oneThread.run(() -> "free again"))
        .expectNext("free again")
        .verifyComplete();
  }

  @Test
  void closingInterruptsWhatRunsSoAShutdownDoesNotWaitForIt() throws Exception {
    EvaluationExecutor closing =
        new EvaluationExecutor(ExpressionProperties.DEFAULTS.withThreads(1, 1, 10));
    Expressions patient =
        new Expressions(ExpressionProperties.DEFAULTS.withTimeout(Duration.ofMinutes(10)));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> stopped = new CompletableFuture<>();
    closing
        .run(
            () -> {
              started.countDown();
              return stopped.complete(failure(patient, ENDLESS));
            })
        .subscribe();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    closing.close();

    assertThat(stopped.get(5, TimeUnit.SECONDS)).contains("stopped: the step was cancelled");
  }

  private static String failure(Expressions expressions, String expression) {
    try {
      expressions.evaluate(expression, CONTEXT);
      return "no failure";
    } catch (ExpressionException e) {
      return e.getMessage();
    }
  }
}
