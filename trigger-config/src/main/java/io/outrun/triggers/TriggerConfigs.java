package io.outrun.triggers;

import io.outrun.events.TriggerType;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where trigger config enters and leaves as types. {@link #fromRequest} checks what a client sent
 * to trigger-api, listing every problem at once; {@link #fromStored} reads a {@code triggers}
 * document's config by the same rules; {@link #toStored} writes the shape both read, so a stored
 * config read and written again is the same document. Pure: no Spring, no I/O.
 *
 * <p>The two sources differ only where they must: a request may choose an HMAC {@code secret},
 * while a stored config holds where the secret is kept ({@link WebhookSecretRefs}); a stored
 * webhook without a {@code method} accepts any (a request's defaults to {@code POST}); and the
 * checks that need the request's context (a cron that never fires from now on, a workflow that
 * depends on itself, Outrun's own collections) are made on requests only.
 */
public final class TriggerConfigs {

  /** The trigger types in the order the API names them. */
  public static final List<TriggerType> TYPES =
      List.of(
          TriggerType.WEBHOOK,
          TriggerType.SCHEDULE,
          TriggerType.DATA_CHANGE,
          TriggerType.DEPENDENCY,
          TriggerType.KAFKA_TOPIC,
          TriggerType.MANUAL);

  private TriggerConfigs() {}

  /** A request's config as typed, or every problem it has. */
  public sealed interface Checked {
    /**
     * @param requestedSecret the HMAC secret the request chose, or null
     */
    record Valid(TriggerConfig config, String requestedSecret) implements Checked {}

    record Invalid(String detail, List<ConfigProblem> problems) implements Checked {}
  }

  /** The type a wire name names, or null for none of {@link #TYPES}. */
  public static TriggerType type(String wireName) {
    return TYPES.stream().filter(t -> t.wireName().equals(wireName)).findFirst().orElse(null);
  }

  /**
   * Checks the config of a trigger of {@code type} as a client sent it. A key no rule of the type
   * reads is refused ({@code config.<key>}), so a setting the contract does not know is never
   * silently dropped; a stored config's extra keys are kept out of it, not refused.
   */
  public static Checked fromRequest(
      String type, Map<String, Object> config, RequestContext context) {
    TriggerType known = type(type);
    if (known == null) {
      String names = TYPES.stream().map(TriggerType::wireName).collect(Collectors.joining(", "));
      String message = "unknown trigger type '" + type + "'; one of " + names;
      return new Checked.Invalid(message, List.of(new ConfigProblem("type", message)));
    }
    ConfigFields fields = new ConfigFields(config, ConfigFields.Source.REQUEST);
    String secret = null;
    TriggerConfig read;
    if (known == TriggerType.WEBHOOK) {
      WebhookRule.Read webhook = WebhookRule.read(fields);
      read = webhook.config();
      secret = webhook.requestedSecret();
    } else {
      read = read(known, fields, context);
    }
    fields.rejectUnknown(known.wireName());
    if (!fields.problems().isEmpty()) {
      return new Checked.Invalid(
          "The " + known.wireName() + " trigger config is invalid.", fields.problems());
    }
    return new Checked.Valid(Objects.requireNonNull(read), secret);
  }

  /** Reads a stored trigger's {@code config}; anything but a map reads as an empty one. */
  @SuppressWarnings("unchecked")
  public static StoredConfig fromStored(TriggerType type, Object stored) {
    Map<String, Object> config =
        stored instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    ConfigFields fields = new ConfigFields(config, ConfigFields.Source.STORED);
    TriggerConfig read = read(type, fields, null);
    if (read == null || !fields.problems().isEmpty()) {
      String reason =
          fields.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
      return new StoredConfig.Unreadable(type, config, reason);
    }
    return new StoredConfig.Readable(read);
  }

  /** The stored form: what {@link #fromStored} reads back as an equal config. */
  public static Map<String, Object> toStored(TriggerConfig config) {
    return switch (config) {
      case WebhookConfig webhook -> WebhookRule.write(webhook);
      case ScheduleConfig schedule -> ScheduleRule.write(schedule);
      case DataChangeConfig dataChange -> DataChangeRule.write(dataChange);
      case DependencyConfig dependency -> DependencyRule.write(dependency);
      case KafkaTopicConfig kafkaTopic -> KafkaTopicRule.write(kafkaTopic);
      case ManualConfig manual -> new LinkedHashMap<>();
    };
  }

  /** What a stored config is written as: a readable one's stored form, else as it was read. */
  public static Map<String, Object> toStored(StoredConfig config) {
    return switch (config) {
      case StoredConfig.Readable(TriggerConfig readable) -> toStored(readable);
      case StoredConfig.Unreadable unreadable -> new LinkedHashMap<>(unreadable.stored());
    };
  }

  /** The config as the API shows it: the stored form without secret material, times as instants. */
  public static Map<String, Object> shown(StoredConfig config) {
    Map<String, Object> shown = new LinkedHashMap<>();
    toStored(config)
        .forEach(
            (key, value) -> {
              if (!WebhookSecretRefs.isSecretField(key)) {
                shown.put(key, value instanceof Date date ? date.toInstant() : value);
              }
            });
    return shown;
  }

  /** {@code context} is null for a stored config: the checks that need one are skipped. */
  private static TriggerConfig read(TriggerType type, ConfigFields fields, RequestContext context) {
    return switch (type) {
      case WEBHOOK -> WebhookRule.read(fields).config();
      case SCHEDULE -> ScheduleRule.read(fields, context == null ? null : context.now());
      case DATA_CHANGE -> DataChangeRule.read(fields, context);
      case DEPENDENCY -> DependencyRule.read(fields, context == null ? null : context.workflowId());
      case KAFKA_TOPIC -> KafkaTopicRule.read(fields);
      case MANUAL -> ManualConfig.INSTANCE;
      case SUB_WORKFLOW -> throw new IllegalArgumentException("sub_workflow has no trigger config");
    };
  }
}
