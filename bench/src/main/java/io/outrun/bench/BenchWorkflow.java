package io.outrun.bench;

/**
 * The workflows the benchmarks run: {@code log} then {@code transform} for the run benchmarks, a
 * single {@code log} for the webhook one; no I/O of their own.
 */
final class BenchWorkflow {

  private static final String JSON =
      """
      {"name": "%s",
       "nodes": [
         {"id": "greet", "type": "log", "position": {"x": 0, "y": 0},
          "data": {"message": "Hello {{ $trigger.name }}"}},
         {"id": "shout", "type": "transform", "position": {"x": 200, "y": 0},
          "data": {"expression": "$uppercase($steps.greet.output.message)"}}],
       "edges": [{"id": "e1", "source": "greet", "target": "shout"}]}
      """;

  /** The webhook benchmark's: one {@code log} node, the least a run can do. */
  private static final String LOG_ONLY =
      """
      {"name": "%s",
       "nodes": [
         {"id": "note", "type": "log", "position": {"x": 0, "y": 0},
          "data": {"message": "webhook received"}}],
       "edges": []}
      """;

  /**
   * The run-events benchmark's: a run that waits an hour after its first step, so it stays running.
   */
  private static final String WAITING =
      """
      {"name": "%s",
       "nodes": [
         {"id": "greet", "type": "log", "position": {"x": 0, "y": 0},
          "data": {"message": "Hello {{ $trigger.name }}"}},
         {"id": "wait", "type": "delay", "position": {"x": 200, "y": 0},
          "data": {"ms": 3600000}}],
       "edges": [{"id": "e1", "source": "greet", "target": "wait"}]}
      """;

  /** The fairness benchmark's: a {@code log} step, then a {@code delay} of a given length. */
  private static final String DELAYED =
      """
      {"name": "%s",
       "nodes": [
         {"id": "greet", "type": "log", "position": {"x": 0, "y": 0},
          "data": {"message": "Hello {{ $trigger.name }}"}},
         {"id": "wait", "type": "delay", "position": {"x": 200, "y": 0},
          "data": {"ms": %d}}],
       "edges": [{"id": "e1", "source": "greet", "target": "wait"}]}
      """;

  private BenchWorkflow() {}

  static String delayedJson(String name, int delayMs) {
    return DELAYED.formatted(name, delayMs);
  }

  static String waitingJson(String name) {
    return WAITING.formatted(name);
  }

  static String logOnlyJson(String name) {
    return LOG_ONLY.formatted(name);
  }

  static String json(String name) {
    return JSON.formatted(name);
  }
}
