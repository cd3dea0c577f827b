package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologicalOrderTest {

  @Test
  void linearChainRunsInEdgeOrderWhateverTheArrayOrder() {
    Workflow workflow = workflow(List.of("c", "b", "a"), edge("a", "b"), edge("b", "c"));

    assertThat(orderedIds(workflow)).containsExactly("a", "b", "c");
  }

  @Test
  void diamondRunsTheJoinAfterBothBranches() {
    Workflow workflow =
        workflow(
            List.of("start", "left", "right", "join"),
            edge("start", "left"),
            edge("start", "right"),
            edge("left", "join"),
            edge("right", "join"));

    assertThat(orderedIds(workflow)).containsExactly("start", "left", "right", "join");
  }

  @Test
  void nodesReadyTogetherKeepTheirArrayOrder() {
    Workflow workflow =
        workflow(List.of("z", "y", "x", "w"), edge("x", "w"), edge("z", "w"), edge("y", "w"));

    assertThat(orderedIds(workflow)).containsExactly("z", "y", "x", "w");
  }

  @Test
  void aNodeFreedLaterWaitsBehindEarlierReadyNodesOnlyByArrayIndex() {
    Workflow workflow = workflow(List.of("a", "b", "c"), edge("c", "a"));

    assertThat(orderedIds(workflow)).containsExactly("b", "c", "a");
  }

  @Test
  void cycleIsDetectedAndNamesItsNodes() {
    Workflow workflow =
        workflow(List.of("a", "b", "c", "d"), edge("a", "b"), edge("b", "c"), edge("c", "b"));

    assertThat(TopologicalOrder.of(workflow))
        .isEqualTo(
            new TopologicalOrder.Invalid("the workflow graph has a cycle through nodes b, c"));
  }

  @Test
  void edgeToUnknownNodeIsInvalid() {
    Workflow workflow = workflow(List.of("a"), edge("a", "ghost"));

    assertThat(TopologicalOrder.of(workflow))
        .isInstanceOf(TopologicalOrder.Invalid.class)
        .extracting(result -> ((TopologicalOrder.Invalid) result).reason())
        .asString()
        .contains("ghost");
  }

  @Test
  void finalNodesAreThoseNoEdgeLeaves() {
    Workflow workflow = workflow(List.of("a", "b", "c"), edge("a", "b"), edge("a", "c"));

    assertThat(workflow.finalNodeIds()).containsExactly("b", "c");
  }

  private static List<String> orderedIds(Workflow workflow) {
    TopologicalOrder.Result result = TopologicalOrder.of(workflow);
    assertThat(result).isInstanceOf(TopologicalOrder.Ordered.class);
    return ((TopologicalOrder.Ordered) result).nodes().stream().map(Workflow.Node::id).toList();
  }

  private static Workflow workflow(List<String> nodeIds, Workflow.Edge... edges) {
    return new Workflow(
        nodeIds.stream().map(id -> new Workflow.Node(id, "log", null)).toList(),
        Arrays.asList(edges));
  }

  private static Workflow.Edge edge(String source, String target) {
    return new Workflow.Edge(source, target);
  }
}
