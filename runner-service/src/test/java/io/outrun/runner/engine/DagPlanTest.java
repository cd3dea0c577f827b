package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagPlanTest {

  private static final Workflow DIAMOND =
      workflow(
          List.of("start", "left", "right", "join"),
          new Workflow.Edge("start", "left"),
          new Workflow.Edge("start", "right"),
          new Workflow.Edge("left", "join"),
          new Workflow.Edge("right", "join"));

  /** check -true-> yes -> after; check -false-> no; join waits on yes and no. */
  private static final Workflow BRANCHES =
      workflow(
          List.of("check", "yes", "after", "no", "join"),
          new Workflow.Edge("check", "yes", "true"),
          new Workflow.Edge("yes", "after"),
          new Workflow.Edge("check", "no", "false"),
          new Workflow.Edge("after", "join"),
          new Workflow.Edge("no", "join"));

  private final Map<String, DagPlan.Settled> settled = new HashMap<>();
  private final Set<String> started = new HashSet<>();

  @Test
  void diamondRunsBothBranchesTogetherAndTheJoinAfterBoth() {
    DagPlan plan = new DagPlan(DIAMOND);

    assertThat(runIds(plan)).containsExactly("start");
    ran("start", null);
    assertThat(runIds(plan)).containsExactly("left", "right");
    started.addAll(List.of("left", "right"));
    ran("left", null);
    assertThat(runIds(plan)).isEmpty();
    ran("right", null);
    assertThat(runIds(plan)).containsExactly("join");
  }

  @Test
  void startedNodesAreNotOfferedAgain() {
    DagPlan plan = new DagPlan(DIAMOND);
    started.add("start");

    assertThat(runIds(plan)).isEmpty();
  }

  @Test
  void conditionTrueSkipsTheFalseBranchAndTheJoinStillRuns() {
    DagPlan plan = new DagPlan(BRANCHES);
    ran("check", "true");

    DagPlan.Next next = plan.next(settled, started);

    assertThat(ids(next.run())).containsExactly("yes");
    assertThat(ids(next.skip())).containsExactly("no");
    skipped("no");
    ran("yes", null);
    assertThat(runIds(plan)).containsExactly("after");
    ran("after", null);
    assertThat(runIds(plan)).containsExactly("join");
  }

  @Test
  void conditionFalseSkipsTheWholeTrueBranch() {
    DagPlan plan = new DagPlan(BRANCHES);
    ran("check", "false");

    DagPlan.Next next = plan.next(settled, started);

    assertThat(ids(next.run())).containsExactly("no");
    assertThat(ids(next.skip())).containsExactly("yes", "after");
  }

  @Test
  void aNodeWhoseEveryIncomingEdgeIsDeadIsSkippedToo() {
    Workflow workflow =
        workflow(
            List.of("check", "a", "b", "join"),
            new Workflow.Edge("check", "a", "true"),
            new Workflow.Edge("check", "b", "true"),
            new Workflow.Edge("a", "join"),
            new Workflow.Edge("b", "join"));
    ran("check", "false");

    DagPlan.Next next = new DagPlan(workflow).next(settled, started);

    assertThat(ids(next.run())).isEmpty();
    assertThat(ids(next.skip())).containsExactly("a", "b", "join");
  }

  @Test
  void anEdgeWithoutAHandleFromAConditionIsAlwaysTaken() {
    Workflow workflow = workflow(List.of("check", "always"), new Workflow.Edge("check", "always"));
    ran("check", "false");

    assertThat(runIds(new DagPlan(workflow))).containsExactly("always");
  }

  private void ran(String id, String handle) {
    settled.put(id, DagPlan.Settled.ran(handle));
  }

  private void skipped(String id) {
    settled.put(id, DagPlan.Settled.SKIPPED);
  }

  private List<String> runIds(DagPlan plan) {
    return ids(plan.next(settled, started).run());
  }

  private static List<String> ids(List<Workflow.Node> nodes) {
    return nodes.stream().map(Workflow.Node::id).toList();
  }

  private static Workflow workflow(List<String> ids, Workflow.Edge... edges) {
    return new Workflow(
        ids.stream().map(id -> new Workflow.Node(id, "log", Map.of())).toList(),
        Arrays.asList(edges));
  }
}
