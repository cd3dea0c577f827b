package io.outrun.listener.webhook;

import static io.outrun.listener.StoredConfigs.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookOriginsTest {

  private static final List<String> LISTED =
      webhook(Map.of("allowedOrigins", List.of("https://App.Example.com", "http://localhost:3000")))
          .allowedOrigins();

  @Test
  void listedOriginIsAllowedWhateverItsCase() {
    assertThat(WebhookOrigins.allows(LISTED, "https://app.example.com")).isTrue();
    assertThat(WebhookOrigins.allows(LISTED, "HTTPS://App.Example.COM")).isTrue();
    assertThat(WebhookOrigins.allows(LISTED, "http://localhost:3000")).isTrue();
  }

  @Test
  void unlistedOriginIsRefused() {
    assertThat(WebhookOrigins.allows(LISTED, "https://evil.example.com")).isFalse();
    assertThat(WebhookOrigins.allows(LISTED, "http://app.example.com")).isFalse();
    assertThat(WebhookOrigins.allows(LISTED, "http://localhost:3001")).isFalse();
    assertThat(WebhookOrigins.allows(LISTED, "null")).isFalse();
    assertThat(WebhookOrigins.allows(LISTED, "not an origin")).isFalse();
  }

  @Test
  void requestWithoutAnOriginHeaderIsAllowed() {
    assertThat(WebhookOrigins.allows(LISTED, null)).isTrue();
  }

  @Test
  void emptyOrAbsentListAllowsEveryOrigin() {
    assertThat(WebhookOrigins.allows(List.of(), "https://x.io")).isTrue();
    assertThat(WebhookOrigins.allows(webhook(Map.of()).allowedOrigins(), "https://x.io")).isTrue();
  }
}
