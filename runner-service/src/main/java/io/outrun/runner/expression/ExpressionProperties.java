package io.outrun.runner.expression;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.runner.expressions.*}: the budget of one step's JSONata evaluations (all the
 * expressions and templates of one node attempt share it) and the threads they run on.
 *
 * @param timeout how long a step's expressions may run before its step fails
 * @param maxDepth how deeply an expression may nest or recurse before its step fails
 * @param maxStringLength the longest string an expression may produce or handle, in characters (the
 *     default lets a whole 10 MB request body through)
 * @param maxItems the most values one array or object may hold, counted through every level of
 *     nesting ({@code $trigger} and {@code $steps} as a whole are exempt: they are the input)
 * @param maxMemory how much memory a step's expressions may allocate in all (garbage included)
 * @param threads the threads expressions run on; no other work runs on them
 * @param slice the CPU time an evaluation may use on those threads; one that needs more starts over
 *     on the long-running threads, so a runaway never holds a thread the others need
 * @param longThreads the threads evaluations that outgrew their slice run on: the most cores
 *     runaway expressions can take, however many there are
 * @param queue evaluations waiting for a thread (of each kind) beyond which a step fails at once,
 *     retryably
 */
@ConfigurationProperties("outrun.runner.expressions")
record ExpressionProperties(
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("200") int maxDepth,
    @DefaultValue("10000000") int maxStringLength,
    @DefaultValue("1000000") int maxItems,
    @DefaultValue("256MB") DataSize maxMemory,
    @DefaultValue("2") int threads,
    @DefaultValue("50ms") Duration slice,
    @DefaultValue("1") int longThreads,
    @DefaultValue("10000") int queue) {

  static final ExpressionProperties DEFAULTS =
      new ExpressionProperties(
          Duration.ofSeconds(2),
          200,
          10_000_000,
          1_000_000,
          DataSize.ofMegabytes(256),
          2,
          Duration.ofMillis(50),
          1,
          10_000);

  ExpressionProperties {
    positive("timeout", timeout);
    positive("max-depth", maxDepth);
    positive("max-string-length", maxStringLength);
    positive("max-items", maxItems);
    positive("max-memory", maxMemory.toBytes());
    positive("threads", threads);
    positive("slice", slice);
    positive("long-threads", longThreads);
    positive("queue", queue);
  }

  ExpressionProperties withTimeout(Duration timeout) {
    return new ExpressionProperties(
        timeout,
        maxDepth,
        maxStringLength,
        maxItems,
        maxMemory,
        threads,
        slice,
        longThreads,
        queue);
  }

  ExpressionProperties withSizes(int maxStringLength, int maxItems, DataSize maxMemory) {
    return new ExpressionProperties(
        timeout,
        maxDepth,
        maxStringLength,
        maxItems,
        maxMemory,
        threads,
        slice,
        longThreads,
        queue);
  }

  ExpressionProperties withThreads(int threads, int longThreads, int queue) {
    return new ExpressionProperties(
        timeout,
        maxDepth,
        maxStringLength,
        maxItems,
        maxMemory,
        threads,
        slice,
        longThreads,
        queue);
  }

  private static void positive(String key, Duration value) {
    if (!value.isPositive()) {
      throw notPositive(key);
    }
  }

  private static void positive(String key, long value) {
    if (value < 1) {
      throw notPositive(key);
    }
  }

  private static IllegalArgumentException notPositive(String key) {
    return new IllegalArgumentException("outrun.runner.expressions." + key + " must be positive");
  }
}
