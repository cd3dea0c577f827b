package io.outrun.local.bench;

/** The workflow both benchmarks run: {@code log} then {@code transform}, no I/O of its own. */
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

  private BenchWorkflow() {}

  static String json(String name) {
    return JSON.formatted(name);
  }
}
