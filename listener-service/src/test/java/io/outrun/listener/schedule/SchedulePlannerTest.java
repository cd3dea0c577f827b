package io.outrun.listener.schedule;

import static io.outrun.listener.StoredConfigs.schedule;
import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.StoredConfigs;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.ScheduleTimes;
import io.outrun.triggers.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision of one tick for one schedule, on times and run statuses the test names. */
class SchedulePlannerTest {

  private static final ScheduleProperties PROPERTIES =
      new ScheduleProperties(
          true,
          Duration.ofMillis(2),
          Duration.ofSeconds(60),
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          1000,
          5000,
          Duration.ofMinutes(10));

  private final SchedulePlanner planner = new SchedulePlanner(PROPERTIES);

  @Test
  void anInstantThatHasComeFiresOnTimeAndTheScheduleMovesOn() {
    ScheduleOutcome outcome =
        plan(every(60, "skip"), state("10:01:00"), Map.of(), at("10:01:00.002")).orElseThrow();

    RunRequested request = outcome.requests().getFirst();
    assertThat(outcome.requests()).hasSize(1);
    assertThat(request.eventId())
        .isEqualTo(EventIds.of("schedule", "tr-1", "2030-01-15T10:01:00Z"));
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.triggeredBy().payload()).containsEntry("catchUp", false);
    assertThat(outcome.onTime()).containsExactly(at("10:01:00"));
    assertThat(outcome.events()).isEmpty();
    assertThat(outcome.advance())
        .isEqualTo(
            new ScheduleAdvance(
                "tr-1",
                at("10:01:00"),
                at("10:02:00"),
                at("10:01:00"),
                request.runId(),
                at("10:01:00.002"),
                null,
                0,
                0));
  }

  @Test
  void anInstantLaterThanTheLateToleranceIsACatchUp() {
    ScheduleOutcome outcome =
        plan(every(60, "skip"), state("10:01:00"), Map.of(), at("10:01:05.001")).orElseThrow();

    assertThat(outcome.onTime()).isEmpty();
    assertThat(outcome.caughtUp()).isOne();
    assertThat(outcome.requests().getFirst().triggeredBy().payload())
        .containsEntry("catchUp", true);
  }

  @Test
  void instantsOlderThanTheCatchUpWindowAreRecordedAsMissedAndTheRestCatchUp() {
    ScheduleConfig config =
        schedule(
            Map.of(
                "intervalSeconds", 10, "catchupWindowSeconds", 60, "overlapPolicy", "allow_all"));

    ScheduleOutcome outcome =
        plan(config, state("10:00:10"), Map.of(), at("10:03:27")).orElseThrow();

    assertThat(outcome.requests()).hasSize(6);
    assertThat(outcome.advance().missed()).isEqualTo(14);
    assertThat(outcome.advance().nextRunAt()).isEqualTo(at("10:03:30"));
    TriggerEvent missed = outcome.events().getFirst();
    assertThat(missed.kind()).isEqualTo(TriggerEventKind.MISSED);
    assertThat(missed.from()).isEqualTo(at("10:00:10"));
    assertThat(missed.to()).isEqualTo(at("10:02:20"));
    assertThat(missed.count()).isEqualTo(14);
    assertThat(missed.detail())
        .isEqualTo("14 instants older than the catch-up window were not run");
  }

  @Test
  void theCatchUpWindowIsNeverShorterThanTheLateTolerance() {
    ScheduleConfig config =
        schedule(
            Map.of("intervalSeconds", 1, "catchupWindowSeconds", 0, "overlapPolicy", "allow_all"));

    ScheduleOutcome outcome =
        plan(config, state("10:00:00"), Map.of(), at("10:00:04.500")).orElseThrow();

    assertThat(outcome.requests()).hasSize(5);
    assertThat(outcome.advance().missed()).isZero();
  }

  @Test
  void skipRunsNothingWhileThePreviousRunIsGoingAndNamesItInTheHistory() {
    ScheduleOutcome outcome =
        plan(
                every(60, "skip"),
                state("10:02:00").lastRun("run-1", "10:01:00.002"),
                Map.of("run-1", "running"),
                at("10:02:00.002"))
            .orElseThrow();

    assertThat(outcome.requests()).isEmpty();
    assertThat(outcome.advance().skipped()).isOne();
    assertThat(outcome.advance().lastRunId()).isNull();
    assertThat(outcome.advance().nextRunAt()).isEqualTo(at("10:03:00"));
    TriggerEvent skipped = outcome.events().getFirst();
    assertThat(skipped.kind()).isEqualTo(TriggerEventKind.SKIPPED);
    assertThat(skipped.from()).isEqualTo(at("10:02:00"));
    assertThat(skipped.detail()).isEqualTo("the previous run (run-1) was still running");
  }

  @Test
  void aRunNotStoredYetCountsAsRunningUntilTheUnknownRunTimeout() {
    State state = state("10:02:00").lastRun("run-1", "10:01:00");

    assertThat(plan(every(60, "skip"), state, Map.of(), at("10:02:00")).orElseThrow().requests())
        .isEmpty();
    assertThat(plan(every(60, "skip"), state, Map.of(), at("10:11:00")).orElseThrow().requests())
        .hasSize(1);
  }

  @Test
  void aFinishedPreviousRunLetsTheInstantFire() {
    ScheduleOutcome outcome =
        plan(
                every(60, "skip"),
                state("10:02:00").lastRun("run-1", "10:01:00"),
                Map.of("run-1", "failed"),
                at("10:02:00.002"))
            .orElseThrow();

    assertThat(outcome.requests()).hasSize(1);
  }

  @Test
  void bufferOneHoldsTheFirstInstantBackAndRecordsIt() {
    ScheduleOutcome outcome =
        plan(
                every(60, "buffer_one"),
                state("10:02:00").lastRun("run-1", "10:01:00"),
                Map.of("run-1", "running"),
                at("10:02:00.002"))
            .orElseThrow();

    assertThat(outcome.requests()).isEmpty();
    assertThat(outcome.buffered()).isTrue();
    assertThat(outcome.advance().bufferedAt()).isEqualTo(at("10:02:00"));
    assertThat(outcome.events())
        .extracting(TriggerEvent::kind, TriggerEvent::detail)
        .containsExactly(tuple(TriggerEventKind.BUFFERED, "waits for the previous run"));
  }

  @Test
  void aHeldInstantStillWaitingForThePreviousRunLeavesNothingToWrite() {
    Optional<ScheduleOutcome> outcome =
        plan(
            every(60, "buffer_one"),
            state("10:03:00").lastRun("run-1", "10:01:00").buffered("10:02:00"),
            Map.of("run-1", "running"),
            at("10:02:30"));

    assertThat(outcome).isEmpty();
  }

  @Test
  void aHeldInstantFiresOnceThePreviousRunHasEnded() {
    ScheduleOutcome outcome =
        plan(
                every(60, "buffer_one"),
                state("10:03:00").lastRun("run-1", "10:01:00").buffered("10:02:00"),
                Map.of("run-1", "completed"),
                at("10:02:30"))
            .orElseThrow();

    assertThat(outcome.requests())
        .extracting(r -> r.triggeredBy().payload().get("scheduledAt"))
        .containsExactly("2030-01-15T10:02:00Z");
    assertThat(outcome.advance().bufferedAt()).isNull();
    assertThat(outcome.advance().nextRunAt()).isEqualTo(at("10:03:00"));
    assertThat(outcome.buffered()).isFalse();
  }

  @Test
  void oneTickFiresAtMostMaxFiresPerScheduleAndGoesOnFromThere() {
    SchedulePlanner twoAtATime =
        new SchedulePlanner(
            new ScheduleProperties(
                true,
                Duration.ofMillis(2),
                Duration.ofSeconds(60),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                2,
                5000,
                Duration.ofMinutes(10)));
    ScheduleConfig config =
        schedule(
            Map.of("intervalSeconds", 1, "catchupWindowSeconds", 60, "overlapPolicy", "allow_all"));

    ScheduleOutcome outcome =
        twoAtATime
            .plan(trigger(), state("10:00:00").stored(), config, Map.of(), at("10:00:10"))
            .orElseThrow();

    assertThat(outcome.requests()).hasSize(2);
    assertThat(outcome.advance().nextRunAt()).isEqualTo(at("10:00:02"));
  }

  // --- fixtures

  private Optional<ScheduleOutcome> plan(
      ScheduleConfig config, State state, Map<String, String> statuses, Instant now) {
    return planner.plan(trigger(), state.stored(), config, statuses, now);
  }

  private static ScheduleConfig every(int seconds, String overlapPolicy) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("intervalSeconds", seconds);
    config.put("overlapPolicy", overlapPolicy);
    return schedule(config);
  }

  private static FireableTrigger trigger() {
    return new FireableTrigger(
        "tr-1",
        "ws-1",
        "wf-1",
        TriggerType.SCHEDULE,
        stored(TriggerType.SCHEDULE, Map.of("intervalSeconds", 60)),
        3,
        ScheduleTimes.NONE);
  }

  /** A schedule's stored state, as a tick reads it. */
  private record State(
      Instant nextRunAt, String lastRunId, Instant lastRunRequestedAt, Instant bufferedAt) {

    State lastRun(String runId, String requestedAt) {
      return new State(nextRunAt, runId, at(requestedAt), bufferedAt);
    }

    State buffered(String instant) {
      return new State(nextRunAt, lastRunId, lastRunRequestedAt, at(instant));
    }

    ScheduledTrigger stored() {
      return new ScheduledTrigger(
          "tr-1",
          StoredConfigs.stored(TriggerType.SCHEDULE, Map.of("intervalSeconds", 60)),
          nextRunAt,
          lastRunId,
          lastRunRequestedAt,
          bufferedAt);
    }
  }

  private static State state(String nextRunAt) {
    return new State(at(nextRunAt), null, null, null);
  }

  private static Instant at(String time) {
    return Instant.parse("2030-01-15T" + time + "Z");
  }
}
