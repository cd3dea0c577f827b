package io.outrun.api.trigger;

import io.outrun.triggers.TriggerConfigs;
import java.util.Map;

/**
 * The body of {@code PATCH /api/triggers/{id}}: the fields given replace the trigger's, the others
 * stay (a given {@code config} replaces the whole config, as {@code PUT} does). {@code type} may be
 * given only as the trigger's own. The result is checked as a {@code PUT} of the whole trigger.
 */
record TriggerPatch(
    String type,
    String name,
    Boolean enabled,
    Map<String, Object> config,
    Integer autoPauseAfterFailures) {

  /** The whole trigger as a {@code PUT} would send it: {@code existing} with this patch applied. */
  TriggerRequest over(Trigger existing) {
    return new TriggerRequest(
        type == null ? existing.type().wireName() : type,
        name == null ? existing.name() : name,
        enabled == null ? existing.enabled() : enabled,
        config == null ? TriggerConfigs.shown(existing.config()) : config,
        autoPauseAfterFailures == null
            ? existing.autoPause().afterFailures()
            : autoPauseAfterFailures);
  }
}
