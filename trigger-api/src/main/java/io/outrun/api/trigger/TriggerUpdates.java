package io.outrun.api.trigger;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
import org.springframework.data.mongodb.core.query.Update;

/** What a trigger's replacement ({@code PUT}) or its enabling and disabling write. Pure. */
final class TriggerUpdates {

  private TriggerUpdates() {}

  /** A {@code PUT}: name, enabled, config and the auto-pause limit replaced. */
  static Update replaced(Trigger existing, TriggerRequest request, StoredConfig config) {
    Update update =
        new Update()
            .set("name", request.name())
            .set("enabled", request.enabled())
            .set("config", TriggerDocuments.storedConfig(config));
    if (request.autoPauseAfterFailures() == null) {
      update.unset(TriggerDocuments.AUTO_PAUSE_AFTER);
    } else {
      update.set(TriggerDocuments.AUTO_PAUSE_AFTER, request.autoPauseAfterFailures());
    }
    if (request.enabled() && !existing.enabled()) {
      AutoPauseResets.reset(update);
    }
    // a schedule's config may have changed
    return existing.is(TriggerType.SCHEDULE) ? ScheduleResets.reset(update) : update;
  }

  /**
   * A schedule starts afresh from now when it is disabled or enabled; enabling resets the failure
   * streak and clears {@code autoPausedAt}.
   */
  static Update enabled(Trigger trigger, boolean enabled) {
    Update update = new Update().set("enabled", enabled);
    if (enabled) {
      AutoPauseResets.reset(update);
    }
    return trigger.is(TriggerType.SCHEDULE) ? ScheduleResets.reset(update) : update;
  }
}
