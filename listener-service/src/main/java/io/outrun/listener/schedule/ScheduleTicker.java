package io.outrun.listener.schedule;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One tick of the schedules: starts the schedules that have no {@code nextRunAt} yet, and fires
 * every instant that has come, applying each trigger's overlap policy and catch-up window.
 *
 * <p>Which schedules have work is read from the registry, in memory, so a tick with nothing to do
 * costs no query ({@link #hasWork}); the rest is one query on {@code _id} for the schedules due,
 * one for the status of their previous runs, the decision ({@link SchedulePlanner}, pure), the run
 * requests, and one bulk write ({@link ScheduleFires}). A schedule's state is written only after
 * Kafka acknowledged its run requests, and only if its {@code nextRunAt} is still what the tick
 * read: a tick that fails or races another starts nothing twice (the run request's id is derived
 * from the trigger id and the scheduled instant, so even a republished request names the same run).
 */
@Component
public class ScheduleTicker implements TickWork {

  private static final int SEED_CONCURRENCY = 16;

  private final TriggerRegistry registry;
  private final ScheduleStore store;
  private final ScheduleFires fires;
  private final ScheduleProperties properties;
  private final SchedulePlanner planner;
  private final ScheduleConfigs configs = new ScheduleConfigs();

  ScheduleTicker(
      TriggerRegistry registry,
      ScheduleStore store,
      ScheduleFires fires,
      ScheduleProperties properties) {
    this.registry = registry;
    this.store = store;
    this.fires = fires;
    this.properties = properties;
    this.planner = new SchedulePlanner(properties);
  }

  @Override
  public boolean hasWork(Instant now) {
    return registry.isReady() && !candidates(now).isEmpty();
  }

  /** Handles every schedule that has come due by {@code now}. */
  @Override
  public Mono<TickReport> tick(Instant now) {
    if (!registry.isReady()) {
      return Mono.just(TickReport.NOTHING);
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
    return seed(unseeded, now).zipWith(fire(due, now, started), TickReport::plus);
  }

  private List<FireableTrigger> candidates(Instant now) {
    return registry.all(TriggerType.SCHEDULE).stream()
        .filter(t -> t.schedule().needsTick(now))
        .filter(t -> !configs.knownUnusable(t))
        .toList();
  }

  private Mono<TickReport> seed(List<FireableTrigger> triggers, Instant now) {
    return Flux.fromIterable(triggers)
        .flatMap(
            trigger ->
                Mono.justOrEmpty(configs.usable(trigger.triggerId(), trigger.config()))
                    .flatMap(config -> Mono.justOrEmpty(ScheduleSpec.of(config).seed(now)))
                    .flatMap(first -> store.seed(trigger.triggerId(), first)),
            SEED_CONCURRENCY)
        .filter(Boolean::booleanValue)
        .count()
        .map(TickReport::seeded);
  }

  private Mono<TickReport> fire(List<FireableTrigger> due, Instant now, long started) {
    if (due.isEmpty()) {
      return Mono.just(TickReport.NOTHING);
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
        .flatMap(outcomes -> fires.carryOut(outcomes, now, started));
  }

  /** The outcome of each stored schedule that is still fireable and whose config reads. */
  private List<ScheduleOutcome> plan(
      List<ScheduledTrigger> stored,
      Map<String, FireableTrigger> fireable,
      Map<String, String> runStatuses,
      Instant now) {
    return stored.stream()
        .filter(schedule -> fireable.containsKey(schedule.id()))
        .flatMap(
            schedule ->
                configs.usable(schedule.id(), schedule.config()).stream()
                    .flatMap(
                        config ->
                            planner
                                .plan(
                                    fireable.get(schedule.id()), schedule, config, runStatuses, now)
                                .stream()))
        .toList();
  }
}
