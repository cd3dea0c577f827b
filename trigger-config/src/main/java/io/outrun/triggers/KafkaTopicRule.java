package io.outrun.triggers;

import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code kafka_topic}: a valid Kafka topic name, never one of Outrun's own topics ({@code
 * outrun.*}) nor Kafka's internal ones ({@code __*}) on Outrun's own cluster; an optional cluster
 * name; an optional JSONata filter that compiles; an optional {@code startFrom} ({@link
 * KafkaTopicStart}, {@code created} by default, stored only when not the default). Checked for
 * stored configs too, so a trigger written by hand onto an own topic is refused by the listener as
 * well.
 */
final class KafkaTopicRule {

  static final String TOPIC = "topic";
  static final String CLUSTER = "cluster";
  static final String FILTER = "filter";
  static final String START_FROM = "startFrom";

  /** Kafka's own rule for topic names: 1 to 249 of these characters, not "." or "..". */
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private KafkaTopicRule() {}

  /** The config, or null when {@code fields} has recorded why there is none. */
  static KafkaTopicConfig read(ConfigFields fields) {
    String cluster = fields.text(CLUSTER);
    if (cluster != null && !CLUSTER_NAME.matcher(cluster).matches()) {
      fields.reject(CLUSTER, "must be a cluster name of lower-case letters, digits and '-'");
      cluster = null;
    }
    String topic = topic(fields, cluster == null && !fields.has(CLUSTER));
    String filter = filter(fields);
    KafkaTopicStart startFrom =
        fields.choice(START_FROM, KafkaTopicStart.class, KafkaTopicStart.CREATED);
    return topic == null ? null : new KafkaTopicConfig(topic, cluster, filter, startFrom);
  }

  static Map<String, Object> write(KafkaTopicConfig config) {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put(TOPIC, config.topic());
    if (config.cluster() != null) {
      stored.put(CLUSTER, config.cluster());
    }
    if (config.filter() != null) {
      stored.put(FILTER, config.filter());
    }
    if (config.startFrom() != KafkaTopicStart.CREATED) {
      stored.put(START_FROM, config.startFrom().wireName());
    }
    return stored;
  }

  private static String topic(ConfigFields fields, boolean ownCluster) {
    String topic = fields.text(TOPIC);
    if (!fields.has(TOPIC)) {
      fields.reject(TOPIC, "is required");
      return null;
    }
    if (topic == null) {
      return null;
    }
    // text() trims control characters too (a NUL); a topic name is checked as sent, less blanks
    topic = ((String) fields.raw(TOPIC)).strip();
    if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      fields.reject(TOPIC, "must be a Kafka topic name: 1-249 of a-z, A-Z, 0-9, '.', '_', '-'");
      return null;
    }
    if (ownCluster && topic.startsWith(KafkaTopicConfig.OWN_TOPIC_PREFIX)) {
      fields.reject(TOPIC, "'" + topic + "' is one of Outrun's own topics and cannot be consumed");
      return null;
    }
    if (ownCluster && topic.startsWith("__")) {
      fields.reject(TOPIC, "'" + topic + "' is an internal Kafka topic and cannot be consumed");
      return null;
    }
    return topic;
  }

  private static String filter(ConfigFields fields) {
    String filter = fields.text(FILTER);
    if (filter == null) {
      return null;
    }
    try {
      Jsonata.jsonata(filter);
      return filter;
    } catch (RuntimeException | StackOverflowError e) {
      fields.reject(FILTER, "is not a valid JSONata expression: " + reason(e));
      return null;
    }
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
