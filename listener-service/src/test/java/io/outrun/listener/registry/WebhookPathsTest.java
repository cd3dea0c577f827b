package io.outrun.listener.registry;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPathsTest {

  private static StoredTrigger webhook(String id, String workspace, String path, boolean enabled) {
    return new StoredTrigger(
        id,
        workspace,
        "wf-1",
        TriggerType.WEBHOOK,
        enabled,
        stored(TriggerType.WEBHOOK, Map.of("path", path)));
  }

  private final WebhookPaths paths = new WebhookPaths();

  @Test
  void aWebhookIsFoundByWorkspaceAndPathEnabledOrNot() {
    paths.save(webhook("t-1", "ws-1", "orders", true));
    paths.save(webhook("t-2", "ws-2", "orders", false));

    assertThat(paths.find("ws-1", "orders")).contains("t-1");
    assertThat(paths.find("ws-2", "orders")).contains("t-2");
    assertThat(paths.find("ws-1", "leads")).isEmpty();
  }

  @Test
  void aChangedPathFreesTheOldOne() {
    paths.save(webhook("t-1", "ws-1", "orders", true));
    paths.save(webhook("t-1", "ws-1", "leads", true));

    assertThat(paths.find("ws-1", "orders")).isEmpty();
    assertThat(paths.find("ws-1", "leads")).contains("t-1");
  }

  @Test
  void aRemovedTriggerIsNotFound() {
    paths.save(webhook("t-1", "ws-1", "orders", true));
    paths.remove("t-1");

    assertThat(paths.find("ws-1", "orders")).isEmpty();
  }
}
