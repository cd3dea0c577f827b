package io.outrun.listener.schedule;

import io.outrun.listener.registry.FireableTrigger;
import io.outrun.triggers.ScheduleConfig;
import io.outrun.triggers.StoredConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules' configs as types, and those that do not read: such a schedule does not tick, and
 * is logged once per stored config (until its config is changed).
 */
final class ScheduleConfigs {

  private static final Logger log = LoggerFactory.getLogger(ScheduleConfigs.class);

  private final Map<String, StoredConfig> unusable = new ConcurrentHashMap<>();

  /** Whether the trigger's config is one found unusable already (it is not looked at again). */
  boolean knownUnusable(FireableTrigger trigger) {
    StoredConfig config = unusable.get(trigger.triggerId());
    return config != null && config.equals(trigger.config());
  }

  /** The schedule's config, or empty (said once) when its stored config cannot be read. */
  Optional<ScheduleConfig> usable(String triggerId, StoredConfig config) {
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
}
