package io.outrun.listener;

import io.outrun.events.TriggerType;
import io.outrun.triggers.DataChangeConfig;
import io.outrun.triggers.ScheduleConfig;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfigs;
import io.outrun.triggers.WebhookConfig;
import java.util.Map;

/** Trigger configs as the listener reads them from documents shaped as trigger-api writes them. */
public final class StoredConfigs {

  private StoredConfigs() {}

  public static StoredConfig stored(TriggerType type, Map<String, ?> config) {
    return TriggerConfigs.fromStored(type, config);
  }

  public static WebhookConfig webhook(Map<String, ?> config) {
    return stored(TriggerType.WEBHOOK, config).as(WebhookConfig.class).orElseThrow();
  }

  public static ScheduleConfig schedule(Map<String, ?> config) {
    return stored(TriggerType.SCHEDULE, config).as(ScheduleConfig.class).orElseThrow();
  }

  public static DataChangeConfig dataChange(Map<String, ?> config) {
    return stored(TriggerType.DATA_CHANGE, config).as(DataChangeConfig.class).orElseThrow();
  }
}
