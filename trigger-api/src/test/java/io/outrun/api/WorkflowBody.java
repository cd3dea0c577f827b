package io.outrun.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow as the editor saves it, for tests: {@code WorkflowBody.named("leads").build()} is a
 * valid two-step workflow (fetch, then log); each setter names what a test changes.
 */
public final class WorkflowBody {

  private final Map<String, Object> body = new LinkedHashMap<>();
  private final List<Map<String, Object>> nodes = new ArrayList<>();
  private final List<Map<String, Object>> edges = new ArrayList<>();

  private WorkflowBody(String name) {
    body.put("name", name);
    body.put("settings", Map.of("timeoutMs", 300000, "concurrency", 1));
  }

  /** A valid workflow: {@code n1} fetches a URL, {@code n2} logs its status. */
  public static WorkflowBody named(String name) {
    return new WorkflowBody(name)
        .node("n1", "http_request", Map.of("method", "GET", "url", "https://example.org/x"))
        .node("n2", "log", Map.of("message", "fetched {{ $steps.n1.output.status }}"))
        .edge("e1", "n1", "n2");
  }

  /** A workflow with no nodes or edges yet. */
  public static WorkflowBody empty(String name) {
    return new WorkflowBody(name);
  }

  /** Adds a node at a position right of the previous one. */
  public WorkflowBody node(String id, String type, Map<String, Object> data) {
    nodes.add(
        Map.of(
            "id", id,
            "type", type,
            "position", Map.of("x", 200 * nodes.size(), "y", 0),
            "data", data));
    return this;
  }

  /**
   * Adds trigger node {@code id} of {@code type} ({@code "trigger.<type>"} on the canvas) and an
   * edge {@code e-<id>} from it to {@code target}.
   */
  public WorkflowBody trigger(String id, String type, Map<String, Object> data, String target) {
    return node(id, "trigger." + type, data).edge("e-" + id, id, target);
  }

  public WorkflowBody edge(String id, String source, String target) {
    edges.add(Map.of("id", id, "source", source, "target", target));
    return this;
  }

  public WorkflowBody settings(Map<String, Object> settings) {
    body.put("settings", settings);
    return this;
  }

  /** The version an edit ({@code PUT}) is based on. */
  public WorkflowBody version(int version) {
    body.put("version", version);
    return this;
  }

  public Map<String, Object> build() {
    Map<String, Object> built = new LinkedHashMap<>(body);
    built.put("nodes", List.copyOf(nodes));
    built.put("edges", List.copyOf(edges));
    return built;
  }
}
