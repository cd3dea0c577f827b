package io.outrun.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trigger request for tests, one factory per type: {@code TriggerBody.schedule("0 2 * * *")
 * .config("timezone", "America/New_York").build()}. Named {@code "<type> trigger"} and enabled
 * unless set.
 */
public final class TriggerBody {

  private final String type;
  private final Map<String, Object> config = new LinkedHashMap<>();
  private Object autoPauseAfterFailures;
  private String name;
  private Boolean enabled;

  private TriggerBody(String type) {
    this.type = type;
    this.name = type + " trigger";
  }

  /** A trigger of {@code type} with an empty config (also an unknown type, for refusals). */
  public static TriggerBody of(String type) {
    return new TriggerBody(type);
  }

  public static TriggerBody schedule(String cron) {
    return of("schedule").config("cron", cron);
  }

  public static TriggerBody interval(int seconds) {
    return of("schedule").config("intervalSeconds", seconds);
  }

  /** A webhook without authentication, for POST. */
  public static TriggerBody webhook() {
    return of("webhook").config("method", "POST").config("authType", "none");
  }

  /**
   * A webhook served at {@code path} (under the workspace's slug) for any method, the rest of its
   * config left to the defaults.
   */
  public static TriggerBody webhookAt(String path) {
    return of("webhook").config("method", "ANY").config("path", path);
  }

  /** Watches {@code collection} for {@code operations} (all of them if none are named). */
  public static TriggerBody dataChange(String collection, String... operations) {
    TriggerBody body = of("data_change").config("collection", collection);
    return operations.length == 0 ? body : body.config("operations", List.of(operations));
  }

  public static TriggerBody dependency(String upstreamWorkflowId) {
    return of("dependency").config("dependsOnWorkflowId", upstreamWorkflowId);
  }

  public static TriggerBody manual() {
    return of("manual");
  }

  public TriggerBody named(String name) {
    this.name = name;
    return this;
  }

  /** Sends {@code "enabled": false} (the API's default is enabled). */
  public TriggerBody disabled() {
    this.enabled = false;
    return this;
  }

  /** Sends {@code autoPauseAfterFailures} (any JSON value). */
  public TriggerBody autoPauseAfter(Object failures) {
    this.autoPauseAfterFailures = failures;
    return this;
  }

  public TriggerBody config(String key, Object value) {
    config.put(key, value);
    return this;
  }

  /** Replaces the whole config. */
  public TriggerBody config(Map<String, Object> replaced) {
    config.clear();
    config.putAll(replaced);
    return this;
  }

  public Map<String, Object> build() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("name", name);
    if (enabled != null) {
      body.put("enabled", enabled);
    }
    body.put("config", new LinkedHashMap<>(config));
    if (autoPauseAfterFailures != null) {
      body.put("autoPauseAfterFailures", autoPauseAfterFailures);
    }
    return body;
  }
}
