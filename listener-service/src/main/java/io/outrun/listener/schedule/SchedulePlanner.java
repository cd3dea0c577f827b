package io.outrun.listener.schedule;

import io.outrun.events.RunRequested;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.publish.ScheduleRunRequest;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.triggers.OverlapPolicy;
import io.outrun.triggers.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one tick does with one due schedule: which instants it fires (on time or caught up), which
 * it skips, holds back or misses, what it records in the trigger's history, and the state it
 * leaves. The instants come from {@link TickPlan}, the overlap from the schedule's {@link
 * OverlapPolicy} judged on the run it requested last. Pure: the tick passes in the schedule as
 * stored, the status of its last run, and the time.
 */
final class SchedulePlanner {

  private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

  private final Duration lateTolerance;
  private final Duration unknownRunTimeout;
  private final int maxFiresPerSchedule;

  SchedulePlanner(ScheduleProperties properties) {
    this.lateTolerance = properties.lateTolerance();
    this.unknownRunTimeout = properties.unknownRunTimeout();
    this.maxFiresPerSchedule = properties.maxFiresPerSchedule();
  }

  /**
   * The outcome for one schedule, or empty when there is nothing to write: an instant held back
   * still waits for the previous run, and nothing else came due.
   *
   * @param schedule the schedule as the tick read it (its {@code nextRunAt} is set)
   * @param runStatuses the status of the runs schedules requested last, by run id (a run the runner
   *     has not stored yet is absent)
   */
  Optional<ScheduleOutcome> plan(
      FireableTrigger trigger,
      ScheduledTrigger schedule,
      ScheduleConfig config,
      Map<String, String> runStatuses,
      Instant now) {
    TickPlan plan =
        TickPlan.of(
            ScheduleSpec.of(config),
            schedule.nextRunAt(),
            now,
            catchUpWindow(config.catchupWindow()),
            maxFiresPerSchedule);
    OverlapPolicy.Decision decision =
        config
            .overlapPolicy()
            .decide(previousRunning(schedule, runStatuses, now), schedule.bufferedAt(), plan.due());
    if (plan.missed() == null
        && decision.fire().isEmpty()
        && decision.skipped().isEmpty()
        && Objects.equals(decision.bufferedAt(), schedule.bufferedAt())
        && Objects.equals(plan.nextRunAt(), schedule.nextRunAt())) {
      return Optional.empty();
    }
    return Optional.of(outcome(trigger, schedule, plan, decision, now));
  }

  private ScheduleOutcome outcome(
      FireableTrigger trigger,
      ScheduledTrigger schedule,
      TickPlan plan,
      OverlapPolicy.Decision decision,
      Instant now) {
    List<RunRequested> requests = new ArrayList<>();
    List<Instant> onTime = new ArrayList<>();
    for (Instant scheduledAt : decision.fire()) {
      boolean catchUp = Duration.between(scheduledAt, now).compareTo(lateTolerance) > 0;
      if (!catchUp) {
        onTime.add(scheduledAt);
      }
      requests.add(ScheduleRunRequest.of(trigger, scheduledAt, catchUp, now));
    }
    String lastRunId = requests.isEmpty() ? schedule.lastRunId() : requests.getLast().runId();
    ScheduleAdvance advance =
        new ScheduleAdvance(
            trigger.triggerId(),
            schedule.nextRunAt(),
            plan.nextRunAt(),
            decision.fire().isEmpty() ? null : decision.fire().getLast(),
            requests.isEmpty() ? null : lastRunId,
            now,
            decision.bufferedAt(),
            plan.missed() == null ? 0 : plan.missed().count(),
            decision.skipped().size());
    return new ScheduleOutcome(
        trigger,
        requests,
        onTime,
        decision.newlyBuffered() != null,
        advance,
        events(trigger, plan, decision, lastRunId, now));
  }

  /** The tick's history: missed instants, skipped ones, and an instant newly held back. */
  private static List<TriggerEvent> events(
      FireableTrigger trigger,
      TickPlan plan,
      OverlapPolicy.Decision decision,
      String lastRunId,
      Instant now) {
    List<TriggerEvent> events = new ArrayList<>();
    if (plan.missed() != null) {
      TickPlan.Missed missed = plan.missed();
      String detail =
          (missed.atLeast() ? "at least " : "")
              + missed.count()
              + " instants older than the catch-up window were not run";
      events.add(
          event(
              trigger,
              TriggerEventKind.MISSED,
              now,
              missed.from(),
              missed.to(),
              missed.count(),
              detail));
    }
    if (!decision.skipped().isEmpty()) {
      // An instant is skipped only while a run is going: the one before, or one fired just now.
      List<Instant> skipped = decision.skipped();
      events.add(
          event(
              trigger,
              TriggerEventKind.SKIPPED,
              now,
              skipped.getFirst(),
              skipped.getLast(),
              skipped.size(),
              "the previous run (" + lastRunId + ") was still running"));
    }
    if (decision.newlyBuffered() != null) {
      Instant held = decision.newlyBuffered();
      events.add(
          event(
              trigger,
              TriggerEventKind.BUFFERED,
              now,
              held,
              held,
              1,
              "waits for the previous run"));
    }
    return events;
  }

  private static TriggerEvent event(
      FireableTrigger trigger,
      TriggerEventKind kind,
      Instant at,
      Instant from,
      Instant to,
      long count,
      String detail) {
    return TriggerEvent.of(
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.triggerId(),
        kind,
        at,
        from,
        to,
        count,
        detail);
  }

  /** The schedule's catch-up window, at least the late tolerance. */
  private Duration catchUpWindow(Duration window) {
    return window.compareTo(lateTolerance) < 0 ? lateTolerance : window;
  }

  /**
   * Whether the run this schedule requested last is still queued or running. A run the runner has
   * not stored yet counts as running for a while ({@code unknown-run-timeout}): its request may
   * still be on its way.
   */
  private boolean previousRunning(
      ScheduledTrigger schedule, Map<String, String> runStatuses, Instant now) {
    if (schedule.lastRunId() == null) {
      return false;
    }
    String status = runStatuses.get(schedule.lastRunId());
    if (status != null) {
      return !FINISHED.contains(status);
    }
    return schedule.lastRunRequestedAt() != null
        && schedule.lastRunRequestedAt().plus(unknownRunTimeout).isAfter(now);
  }
}
