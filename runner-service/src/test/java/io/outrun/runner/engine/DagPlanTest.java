package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** hook -> fromHook -> both; nightly -> fromNightly -> both: two trigger nodes, one join. */
  private static final Workflow TWO_TRIGGERS =
      workflow(
          List.of("hook", "nightly", "fromHook", "fromNightly", "both"),
          new Workflow.Edge("hook", "fromHook"),
          new Workflow.Edge("nightly", "fromNightly"),
          new Workflow.Edge("fromHook", "both"),
          new Workflow.Edge("fromNightly", "both"));

  private final Map<String, DagPlan.Settled> recorded = new HashMap<>();

  @Test
  void aRunFromOneTriggerNodeSkipsTheOtherTriggersExclusiveBranchAndRunsTheJoinOnce() {
    DagPlan.Progress progress = new DagPlan(TWO_TRIGGERS).progress(recorded, "hook");

    DagPlan.Next start = progress.start();
    assertThat(ids(start.run())).containsExactly("hook");
    assertThat(ids(start.skip())).containsExactly("nightly", "fromNightly");
    assertThat(ids(ran(progress, "hook", null).run())).containsExactly("fromHook");
    DagPlan.Next afterBranch = ran(progress, "fromHook", null);
    assertThat(ids(afterBranch.run())).containsExactly("both");
    assertThat(afterBranch.skip()).isEmpty();
  }

  @Test
  void aRunFromTheOtherTriggerNodeRunsOnlyItsOwnBranch() {
    DagPlan.Progress progress = new DagPlan(TWO_TRIGGERS).progress(recorded, "nightly");

    DagPlan.Next start = progress.start();
    assertThat(ids(start.run())).containsExactly("nightly");
    assertThat(ids(start.skip())).containsExactly("hook", "fromHook");
    assertThat(ids(ran(progress, "nightly", null).run())).containsExactly("fromNightly");
    assertThat(ids(ran(progress, "fromNightly", null).run())).containsExactly("both");
  }

  @Test
  void aRunWithoutAnEntryOrWithAnEntryNotInTheGraphStartsFromEveryTriggerNode() {
    assertThat(ids(new DagPlan(TWO_TRIGGERS).progress(recorded, null).start().run()))
        .containsExactly("hook", "nightly");
    assertThat(ids(new DagPlan(TWO_TRIGGERS).progress(recorded, "gone").start().run()))
        .containsExactly("hook", "nightly");
  }

  @Test
  void diamondRunsBothBranchesTogetherAndTheJoinAfterBoth() {
    DagPlan.Progress progress = new DagPlan(DIAMOND).progress(recorded);

    assertThat(ids(progress.start().run())).containsExactly("start");
    assertThat(ids(ran(progress, "start", null).run())).containsExactly("left", "right");
    assertThat(ids(ran(progress, "left", null).run())).isEmpty();
    assertThat(ids(ran(progress, "right", null).run())).containsExactly("join");
  }

  @Test
  void aNodeSettledTwiceReleasesNothingTheSecondTime() {
    DagPlan.Progress progress = new DagPlan(DIAMOND).progress(recorded);
    progress.start();
    ran(progress, "start", null);

    assertThat(ran(progress, "start", null)).isEqualTo(DagPlan.Next.NOTHING);
  }

  @Test
  void recordedStepsAreNotOfferedAgainAndTheirSuccessorsAreReady() {
    recorded.put("start", DagPlan.Settled.ran(null));
    recorded.put("left", DagPlan.Settled.ran(null));
    DagPlan.Progress progress = new DagPlan(DIAMOND).progress(recorded);

    assertThat(ids(progress.start().run())).containsExactly("right");
    assertThat(ids(ran(progress, "right", null).run())).containsExactly("join");
  }

  @Test
  void conditionTrueSkipsTheFalseBranchAndTheJoinStillRuns() {
    DagPlan.Progress progress = new DagPlan(BRANCHES).progress(recorded);
    progress.start();

    DagPlan.Next next = ran(progress, "check", "true");

    assertThat(ids(next.run())).containsExactly("yes");
    assertThat(ids(next.skip())).containsExactly("no");
    assertThat(progress.settle("no", DagPlan.Settled.SKIPPED)).isEqualTo(DagPlan.Next.NOTHING);
    assertThat(ids(ran(progress, "yes", null).run())).containsExactly("after");
    assertThat(ids(ran(progress, "after", null).run())).containsExactly("join");
  }

  @Test
  void conditionFalseSkipsTheWholeTrueBranch() {
    DagPlan.Progress progress = new DagPlan(BRANCHES).progress(recorded);
    progress.start();

    DagPlan.Next next = ran(progress, "check", "false");

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
    DagPlan.Progress progress = new DagPlan(workflow).progress(recorded);
    progress.start();

    DagPlan.Next next = ran(progress, "check", "false");

    assertThat(ids(next.run())).isEmpty();
    assertThat(ids(next.skip())).containsExactly("a", "b", "join");
  }

  @Test
  void anEdgeWithoutAHandleFromAConditionIsAlwaysTaken() {
    Workflow workflow = workflow(List.of("check", "always"), new Workflow.Edge("check", "always"));
    DagPlan.Progress progress = new DagPlan(workflow).progress(recorded);
    progress.start();

    assertThat(ids(ran(progress, "check", "false").run())).containsExactly("always");
  }

  @Test
  void nodesWithoutPredecessorsAllStartAtOnceInArrayOrder() {
    Workflow workflow = workflow(List.of("c", "a", "b"));

    assertThat(ids(new DagPlan(workflow).progress(recorded).start().run()))
        .containsExactly("c", "a", "b");
  }

  private static DagPlan.Next ran(DagPlan.Progress progress, String id, String handle) {
    return progress.settle(id, DagPlan.Settled.ran(handle));
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
