package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data for the engine: runs, their recorded steps and the graphs they execute. */
final class TestRuns {

  private TestRuns() {}

  /** A manual run of {@code wf-1} with trigger payload {@code {"name": "Ada"}}, never started. */
  static RunDocument queued() {
    return running(null, List.of());
  }

  /** The same run, started at {@code startedAt} (null: not yet), with steps already recorded. */
  static RunDocument running(Instant startedAt, List<StepDocument> steps) {
    return run(startedAt, steps, null);
  }

  /** A run started at the epoch that retries run {@code original}, no step recorded yet. */
  static RunDocument retryOf(String original) {
    return retryOf(original, List.of());
  }

  /** The same retry, resumed with {@code steps} recorded. */
  static RunDocument retryOf(String original, List<StepDocument> steps) {
    return run(Instant.EPOCH, steps, original);
  }

  private static RunDocument run(Instant startedAt, List<StepDocument> steps, String retryOf) {
    String id = UUID.randomUUID().toString();
    return new RunDocument(
        id,
        "request-" + id,
        "ws-1",
        "wf-1",
        1,
        false,
        0,
        startedAt == null ? RunDocument.QUEUED : RunDocument.RUNNING,
        new RunDocument.Trigger("manual", null, "user:u1", Map.of("name", "Ada"), retryOf, null),
        steps,
        RunDocument.Usage.NONE,
        Instant.EPOCH,
        startedAt,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  static StepDocument completed(String nodeId, Object output) {
    return new StepDocument(
        nodeId, "work", StepDocument.COMPLETED, 1, Instant.EPOCH, 0, Map.of(), output, null, null);
  }

  static StepDocument failed(String nodeId, String error) {
    return new StepDocument(
        nodeId, "work", StepDocument.FAILED, 1, Instant.EPOCH, 0, Map.of(), null, error, null);
  }

  /** A node of type {@code type} whose data is {@code key, value, ...}. */
  static Workflow.Node node(String id, String type, Object... data) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < data.length; i += 2) {
      map.put((String) data[i], data[i + 1]);
    }
    return new Workflow.Node(id, type, map);
  }

  /** Edges {@code "a>b"}, or {@code "a>b:true"} from a condition's handle. */
  static List<Workflow.Edge> edges(String... edges) {
    List<Workflow.Edge> list = new ArrayList<>();
    for (String edge : edges) {
      String[] ends = edge.split(">");
      String[] target = ends[1].split(":");
      list.add(new Workflow.Edge(ends[0], target[0], target.length > 1 ? target[1] : null));
    }
    return list;
  }
}
