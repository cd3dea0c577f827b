package io.outrun.triggers;

import io.outrun.events.TriggerType;

/**
 * A trigger's {@code config} as types: one record per trigger type, each holding every setting its
 * type has, already checked. Built only by {@link TriggerConfigs} (from a request or a stored
 * document) and written back by it in the stored shape, so no other code reads config by key.
 */
public sealed interface TriggerConfig
    permits WebhookConfig,
        ScheduleConfig,
        DataChangeConfig,
        DependencyConfig,
        KafkaTopicConfig,
        ManualConfig {

  TriggerType type();
}
