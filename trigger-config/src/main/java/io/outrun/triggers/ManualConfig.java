package io.outrun.triggers;

import io.outrun.events.TriggerType;

/** {@code manual}: no settings; a run is started through the API. Stored as {@code {}}. */
public record ManualConfig() implements TriggerConfig {

  public static final ManualConfig INSTANCE = new ManualConfig();

  @Override
  public TriggerType type() {
    return TriggerType.MANUAL;
  }
}
