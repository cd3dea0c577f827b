package io.outrun.listener.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.service.claimcheck.RunRequestPublisher;
import io.outrun.triggers.OverlapPolicy;
import io.outrun.triggers.ScheduleConfig;
import io.outrun.triggers.StoredConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One tick of the schedules: starts the schedules that have no {@code nextRunAt} yet, and fires
 * every instant that has come, applying each trigger's overlap policy and catch-up window.
 *
 * <p>Which schedules have work is read from the registry, in memory, so a tick with nothing to do
 * costs no query ({@link #hasWork}); the rest is one query on {@code _id} for the schedules due,
 * one for the status of their previous runs, the run requests, and one bulk write. A schedule's
 * state is written only after Kafka acknowledged its run requests, and only if its {@code
 * nextRunAt} is still what the tick read: a tick that fails or races another starts nothing twice
 * (the run request's id is derived from the trigger id and the scheduled instant, so even a
 * republished request names the same run).
 */
@Component
public class ScheduleTicker implements TickWork {

  private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

  private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

  private final TriggerRegistry registry;
  private final ScheduleStore store;
  private final TriggerEvents history;
  private final RunRequestPublisher publisher;
  private final TriggerActivity activity;
  private final ScheduleProperties properties;
  private final Map<String, StoredConfig> unusable = new ConcurrentHashMap<>();
  private final Map<String, Counter> instants = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Timer lateness;

  ScheduleTicker(
      TriggerRegistry registry,
      ScheduleStore store,
      TriggerEvents history,
      RunRequestPublisher publisher,
      TriggerActivity activity,
      ScheduleProperties properties,
      MeterRegistry meters) {
    this.registry = registry;
    this.store = store;
    this.history = history;
    this.publisher = publisher;
    this.activity = activity;
    this.properties = properties;
    this.meters = meters;
    this.lateness =
        Timer.builder(ListenerMetrics.SCHEDULE_LATENESS)
            .description("From a scheduled instant to its run request acknowledged by Kafka")
            .publishPercentileHistogram()
            .register(meters);
  }

  /** What a tick did. */
  public record Report(
      int seeded, int fired, int caughtUp, int skipped, int buffered, long missed) {
    static final Report NOTHING = new Report(0, 0, 0, 0, 0, 0);

    Report plus(Report other) {
      return new Report(
          seeded + other.seeded,
          fired + other.fired,
          caughtUp + other.caughtUp,
          skipped + other.skipped,
          buffered + other.buffered,
          missed + other.missed);
    }
  }

  @Override
  public boolean hasWork(Instant now) {
    return registry.isReady() && !candidates(now).isEmpty();
  }

  /** Handles every schedule that has come due by {@code now}. */
  @Override
  public Mono<Report> tick(Instant now) {
    if (!registry.isReady()) {
      return Mono.just(Report.NOTHING);
    }
    List<FireableTrigger> candidates = candidates(now);
    List<FireableTrigger> unseeded =
        candidates.stream().filter(t -> t.schedule().nextRunAt() == null).toList();
    List<FireableTrigger> due =
        candidates.stream()
            .filter(t -> t.schedule().nextRunAt() != null)
            .limit(properties.maxSchedulesPerTick())
            .toList();
    long started = System.nanoTime();
    return seed(unseeded, now).zipWith(fire(due, now, started), Report::plus);
  }

  private List<FireableTrigger> candidates(Instant now) {
    List<FireableTrigger> candidates = new ArrayList<>();
    for (FireableTrigger trigger : registry.all()) {
      if (trigger.type() == TriggerType.SCHEDULE
          && trigger.schedule().needsTick(now)
          && !unusable(trigger)) {
        candidates.add(trigger);
      }
    }
    return candidates;
  }

  private boolean unusable(FireableTrigger trigger) {
    StoredConfig config = unusable.get(trigger.triggerId());
    return config != null && config.equals(trigger.config());
  }

  /** The schedule's config, or empty (said once) when its stored config cannot be read. */
  private Optional<ScheduleConfig> usable(String triggerId, StoredConfig config) {
    Optional<ScheduleConfig> schedule = config.as(ScheduleConfig.class);
    if (schedule.isEmpty() && unusable.put(triggerId, config) == null) {
      log.warn(
          "Schedule trigger {} has no usable schedule: {}",
          triggerId,
          config instanceof StoredConfig.Unreadable unreadable ? unreadable.reason() : config);
    } else if (schedule.isPresent()) {
      unusable.remove(triggerId);
    }
    return schedule;
  }

  private Mono<Report> seed(List<FireableTrigger> triggers, Instant now) {
    return Flux.fromIterable(triggers)
        .flatMap(
            trigger ->
                Mono.justOrEmpty(usable(trigger.triggerId(), trigger.config()))
                    .flatMap(config -> Mono.justOrEmpty(ScheduleSpec.of(config).seed(now)))
                    .flatMap(first -> store.seed(trigger.triggerId(), first)),
            16)
        .filter(Boolean::booleanValue)
        .count()
        .map(seeded -> new Report(seeded.intValue(), 0, 0, 0, 0, 0));
  }

  private Mono<Report> fire(List<FireableTrigger> due, Instant now, long started) {
    if (due.isEmpty()) {
      return Mono.just(Report.NOTHING);
    }
    Map<String, FireableTrigger> fireable = new LinkedHashMap<>();
    due.forEach(trigger -> fireable.put(trigger.triggerId(), trigger));
    return store
        .find(fireable.keySet())
        .filter(stored -> stored.nextRunAt() != null)
        .collectList()
        .flatMap(
            stored ->
                store
                    .runStatuses(
                        stored.stream()
                            .map(ScheduledTrigger::lastRunId)
                            .filter(Objects::nonNull)
                            .toList())
                    .map(statuses -> plan(stored, fireable, statuses, now)))
        .flatMap(outcomes -> publishAndRecord(outcomes, now, started));
  }

  /**
   * What one tick does with one schedule.
   *
   * @param onTime the instants of {@code requests} fired on time (the rest are catch-ups)
   * @param buffered whether this tick held an instant back
   */
  private record Outcome(
      FireableTrigger trigger,
      List<RunRequested> requests,
      List<Instant> onTime,
      boolean buffered,
      ScheduleAdvance advance,
      List<TriggerEvent> events) {}

  private List<Outcome> plan(
      List<ScheduledTrigger> stored,
      Map<String, FireableTrigger> fireable,
      Map<String, String> runStatuses,
      Instant now) {
    List<Outcome> outcomes = new ArrayList<>();
    for (ScheduledTrigger schedule : stored) {
      FireableTrigger trigger = fireable.get(schedule.id());
      Optional<ScheduleConfig> config = usable(schedule.id(), schedule.config());
      if (trigger == null || config.isEmpty()) {
        continue;
      }
      Duration window = catchUpWindow(config.get().catchupWindow());
      TickPlan plan =
          TickPlan.of(
              ScheduleSpec.of(config.get()),
              schedule.nextRunAt(),
              now,
              window,
              properties.maxFiresPerSchedule());
      boolean previousRunning = previousRunning(schedule, runStatuses, now);
      OverlapPolicy.Decision decision =
          config.get().overlapPolicy().decide(previousRunning, schedule.bufferedAt(), plan.due());
      if (plan.missed() == null
          && decision.fire().isEmpty()
          && decision.skipped().isEmpty()
          && Objects.equals(decision.bufferedAt(), schedule.bufferedAt())
          && Objects.equals(plan.nextRunAt(), schedule.nextRunAt())) {
        continue; // a held instant still waiting for the previous run: nothing to write
      }
      outcomes.add(outcome(trigger, schedule, plan, decision, now));
    }
    return outcomes;
  }

  private Outcome outcome(
      FireableTrigger trigger,
      ScheduledTrigger schedule,
      TickPlan plan,
      OverlapPolicy.Decision decision,
      Instant now) {
    List<RunRequested> requests = new ArrayList<>();
    List<Instant> onTime = new ArrayList<>();
    for (Instant scheduledAt : decision.fire()) {
      boolean catchUp =
          Duration.between(scheduledAt, now).compareTo(properties.lateTolerance()) > 0;
      if (!catchUp) {
        onTime.add(scheduledAt);
      }
      requests.add(runRequest(trigger, scheduledAt, catchUp, now));
    }
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
      String detail = "the previous run (" + lastRunId(schedule, requests) + ") was still running";
      events.add(
          event(
              trigger,
              TriggerEventKind.SKIPPED,
              now,
              skipped.getFirst(),
              skipped.getLast(),
              skipped.size(),
              detail));
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
    ScheduleAdvance advance =
        new ScheduleAdvance(
            trigger.triggerId(),
            schedule.nextRunAt(),
            plan.nextRunAt(),
            decision.fire().isEmpty() ? null : decision.fire().getLast(),
            requests.isEmpty() ? null : requests.getLast().runId(),
            now,
            decision.bufferedAt(),
            plan.missed() == null ? 0 : plan.missed().count(),
            decision.skipped().size());
    return new Outcome(
        trigger, requests, onTime, decision.newlyBuffered() != null, advance, events);
  }

  private static String lastRunId(ScheduledTrigger schedule, List<RunRequested> requests) {
    return requests.isEmpty() ? schedule.lastRunId() : requests.getLast().runId();
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
    return window.compareTo(properties.lateTolerance()) < 0 ? properties.lateTolerance() : window;
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
        && schedule.lastRunRequestedAt().plus(properties.unknownRunTimeout()).isAfter(now);
  }

  private static RunRequested runRequest(
      FireableTrigger trigger, Instant scheduledAt, boolean catchUp, Instant now) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("scheduledAt", scheduledAt.toString());
    payload.put("catchUp", catchUp);
    TriggeredBy triggeredBy =
        new TriggeredBy(TriggerType.SCHEDULE, trigger.triggerId(), "schedule", payload);
    return RunRequested.of(
        now,
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.deployedVersion(),
        false,
        triggeredBy,
        0,
        "schedule",
        trigger.triggerId(),
        scheduledAt.toString());
  }

  private Mono<Report> publishAndRecord(List<Outcome> outcomes, Instant now, long started) {
    return Flux.fromIterable(outcomes)
        .flatMap(
            outcome ->
                publish(outcome).thenReturn(outcome).onErrorResume(e -> notPublished(outcome, e)),
            64)
        .collectList()
        .flatMap(
            published ->
                store
                    .advance(published.stream().map(Outcome::advance).toList())
                    .then(
                        history.record(
                            published.stream().flatMap(o -> o.events().stream()).toList()))
                    .thenReturn(published))
        .map(published -> account(published, now, Duration.ofNanos(System.nanoTime() - started)));
  }

  /**
   * Each request in order; the bus fails a publish Kafka does not acknowledge in time. A schedule's
   * payload ({@code scheduledAt}, {@code catchUp}) is never too large, but if one were it would
   * fail too rather than advance the schedule without its run.
   */
  private Mono<Void> publish(Outcome outcome) {
    return Flux.fromIterable(outcome.requests())
        .concatMap(
            request ->
                publisher
                    .publish(request)
                    .flatMap(sent -> sent.orFail(t -> new IllegalStateException("" + t))))
        .then();
  }

  private Mono<Outcome> notPublished(Outcome outcome, Throwable error) {
    log.warn(
        "Schedule trigger {}: run requests not published, the next tick tries again: {}",
        outcome.trigger().triggerId(),
        error.toString());
    return Mono.empty();
  }

  /**
   * Counts what the tick did. Lateness is the tick's own lateness ({@code tickedAt} less the
   * instant) plus how long it took, so it reads right on any clock, a test's included.
   */
  private Report account(List<Outcome> published, Instant tickedAt, Duration took) {
    Instant acknowledged = tickedAt.plus(took);
    int fired = 0;
    int caughtUp = 0;
    int skipped = 0;
    int buffered = 0;
    long missed = 0;
    for (Outcome outcome : published) {
      outcome.requests().forEach(r -> activity.fired(outcome.trigger().triggerId(), tickedAt));
      outcome.onTime().forEach(instant -> lateness.record(Duration.between(instant, acknowledged)));
      fired += outcome.onTime().size();
      caughtUp += outcome.requests().size() - outcome.onTime().size();
      skipped += (int) outcome.advance().skipped();
      missed += outcome.advance().missed();
      buffered += outcome.buffered() ? 1 : 0;
    }
    count(ListenerMetrics.OUTCOME_FIRED, fired);
    count(ListenerMetrics.OUTCOME_CAUGHT_UP, caughtUp);
    count(ListenerMetrics.OUTCOME_SKIPPED, skipped);
    count(ListenerMetrics.OUTCOME_BUFFERED, buffered);
    count(ListenerMetrics.OUTCOME_MISSED, missed);
    return new Report(0, fired, caughtUp, skipped, buffered, missed);
  }

  private void count(String outcome, long amount) {
    if (amount > 0) {
      instants
          .computeIfAbsent(
              outcome,
              o ->
                  Counter.builder(ListenerMetrics.SCHEDULE_INSTANTS)
                      .tag(ListenerMetrics.OUTCOME, o)
                      .register(meters))
          .increment(amount);
    }
  }
}
