package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.workflow.VersionDiff.Changed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

  private static final Node FETCH =
      new Node("n1", "http_request", new Node.Position(0, 0), Map.of("url", "https://a"));
  private static final Node LOG =
      new Node("n2", "log", new Node.Position(200, 0), Map.of("message", "hi"));

  @Test
  void sameContentHasNoChanges() {
    VersionDiff diff =
        VersionDiff.between(
            version(1, List.of(FETCH, LOG), List.of(edge("e1", "n1", "n2"))),
            version(2, List.of(FETCH, LOG), List.of(edge("e1", "n1", "n2"))));
    assertThat(diff.nodes().added()).isEmpty();
    assertThat(diff.nodes().removed()).isEmpty();
    assertThat(diff.nodes().changed()).isEmpty();
    assertThat(diff.edges().changed()).isEmpty();
    assertThat(diff.settingsChanged()).isEmpty();
    assertThat(diff.nameChanged()).isFalse();
  }

  @Test
  void nodesAreMatchedByIdNotByPosition() {
    Node moved =
        new Node("n1", "http_request", new Node.Position(5, 0), Map.of("url", "https://b"));
    Node added = new Node("n3", "log", null, Map.of());
    VersionDiff diff =
        VersionDiff.between(
            version(1, List.of(FETCH, LOG), List.of(edge("e1", "n1", "n2"))),
            version(2, List.of(added, moved), List.of(edge("e2", "n1", "n3"))));
    assertThat(diff.nodes().added()).containsExactly("n3");
    assertThat(diff.nodes().removed()).containsExactly("n2");
    assertThat(diff.nodes().changed())
        .containsExactly(new Changed("n1", List.of("/position/x", "/data/url")));
    assertThat(diff.edges().added()).containsExactly("e2");
    assertThat(diff.edges().removed()).containsExactly("e1");
  }

  @Test
  void anEdgeKeepingItsIdButMovedIsChanged() {
    VersionDiff diff =
        VersionDiff.between(
            version(1, List.of(), List.of(edge("e1", "n1", "n2"))),
            version(2, List.of(), List.of(edge("e1", "n1", "n3"))));
    assertThat(diff.edges().changed()).containsExactly(new Changed("e1", List.of("/target")));
  }

  private static WorkflowVersion version(int number, List<Node> nodes, List<Edge> edges) {
    return new WorkflowVersion(
        "wf:" + number,
        "ws",
        "wf",
        number,
        "name",
        nodes,
        edges,
        Map.of("timeoutMs", 1000),
        Instant.EPOCH,
        "u1");
  }

  private static Edge edge(String id, String source, String target) {
    return new Edge(id, source, target, null, null);
  }
}
