package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import io.outrun.triggers.WebhookConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook triggers that have a {@code path}, by workspace and path: the registry's O(1) answer
 * to {@code /api/webhooks/{workspaceSlug}/{path}}. Enabled or not, so a call to a disabled one is
 * logged under its trigger. One writer (the registry's), any reader.
 */
final class WebhookPaths {

  private final Map<String, String> triggerIds = new ConcurrentHashMap<>();
  private final Map<String, String> keys = new ConcurrentHashMap<>();

  Optional<String> find(String workspaceId, String path) {
    return Optional.ofNullable(triggerIds.get(key(workspaceId, path)));
  }

  void save(StoredTrigger trigger) {
    remove(trigger.id());
    if (trigger.type() != TriggerType.WEBHOOK) {
      return;
    }
    trigger
        .config()
        .as(WebhookConfig.class)
        .map(WebhookConfig::path)
        .ifPresent(
            path -> {
              String key = key(trigger.workspaceId(), path);
              triggerIds.put(key, trigger.id());
              keys.put(trigger.id(), key);
            });
  }

  void remove(String triggerId) {
    String key = keys.remove(triggerId);
    if (key != null) {
      triggerIds.remove(key, triggerId);
    }
  }

  /** Workspace ids and paths hold no NUL. */
  private static String key(String workspaceId, String path) {
    return workspaceId + '\0' + path;
  }
}
