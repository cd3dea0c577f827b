package io.outrun.listener.schedule;

import io.outrun.events.RunRequested;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.List;

/**
 * What one tick does with one schedule ({@link SchedulePlanner}).
 *
 * @param requests the run requests to publish, oldest instant first
 * @param onTime the instants of {@code requests} fired on time (the rest are catch-ups)
 * @param buffered whether this tick held an instant back
 * @param advance the state the schedule is left in, written once its requests are on Kafka
 * @param events what goes to the trigger's history: missed, skipped or held instants
 */
record ScheduleOutcome(
    FireableTrigger trigger,
    List<RunRequested> requests,
    List<Instant> onTime,
    boolean buffered,
    ScheduleAdvance advance,
    List<TriggerEvent> events) {

  ScheduleOutcome {
    requests = List.copyOf(requests);
    onTime = List.copyOf(onTime);
    events = List.copyOf(events);
  }

  int caughtUp() {
    return requests.size() - onTime.size();
  }
}
