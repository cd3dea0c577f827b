package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.trigger.DependencyGraph.Edge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void selfLoopIsACycle() {
    assertThat(new DependencyGraph(List.of()).cycleClosedBy(new Edge("A", "A")))
        .contains(List.of("A", "A"));
  }

  @Test
  void twoWorkflowsDependingOnEachOtherIsACycle() {
    DependencyGraph graph = new DependencyGraph(List.of(new Edge("A", "B")));
    assertThat(graph.cycleClosedBy(new Edge("B", "A"))).contains(List.of("A", "B", "A"));
  }

  @Test
  void longCycleIsReportedInRunOrder() {
    DependencyGraph graph =
        new DependencyGraph(List.of(new Edge("A", "B"), new Edge("B", "C"), new Edge("C", "D")));
    assertThat(graph.cycleClosedBy(new Edge("D", "A"))).contains(List.of("A", "B", "C", "D", "A"));
  }

  @Test
  void diamondIsNotACycle() {
    DependencyGraph graph =
        new DependencyGraph(List.of(new Edge("A", "B"), new Edge("A", "C"), new Edge("B", "D")));
    assertThat(graph.cycleClosedBy(new Edge("C", "D"))).isEmpty();
  }

  @Test
  void chainIsNotACycle() {
    DependencyGraph graph = new DependencyGraph(List.of(new Edge("A", "B")));
    assertThat(graph.cycleClosedBy(new Edge("B", "C"))).isEmpty();
  }

  @Test
  void upstreamAndDownstreamAreTransitiveWithTheirDistance() {
    DependencyGraph graph =
        new DependencyGraph(
            List.of(
                new Edge("A", "B"), new Edge("B", "C"), new Edge("C", "D"), new Edge("A", "C")));
    assertThat(graph.upstreamOf("C")).isEqualTo(Map.of("B", 1, "A", 1));
    assertThat(graph.downstreamOf("A")).isEqualTo(Map.of("B", 1, "C", 1, "D", 2));
    assertThat(graph.downstreamOf("D")).isEmpty();
  }
}
