package io.outrun.listener.webhook;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.events.TriggerType;
import io.outrun.listener.WebhookSecretFixtures;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.ScheduleTimes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.unit.DataSize;
import org.threeten.extra.MutableClock;

/** The Spring-side adapter: an injected clock, and credentials read once per trigger version. */
class WebhookAuthenticationTest {

  private static final String TRIGGER = "t-rotated";
  private static final String OLD = "the-old-secret-0123456789abcdef";
  private static final String NEW = "the-new-secret-0123456789abcdef";
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final Instant ROTATED_AT = Instant.parse("2026-03-01T12:00:00Z");

  private final MutableClock clock = MutableClock.of(ROTATED_AT, ZoneOffset.UTC);
  private final WebhookAuthentication authentication =
      new WebhookAuthentication(
          new WebhookProperties(
              DataSize.ofMegabytes(1),
              WebhookSecretFixtures.ENCRYPTION_KEY,
              Duration.ofSeconds(5),
              WebhookProperties.JsonLimits.DEFAULTS),
          clock);

  @Test
  void previousSecretVerifiesUntilTheGraceEndsThenOnlyTheNewOne() {
    FireableTrigger trigger = rotatedGithubTrigger(ROTATED_AT.plus(Duration.ofHours(24)));
    WebhookCredentials credentials = authentication.credentials(trigger).orElseThrow();

    assertThat(admits(credentials, OLD)).isTrue();
    assertThat(admits(credentials, NEW)).isTrue();
    clock.setInstant(ROTATED_AT.plus(Duration.ofHours(24)).minusSeconds(1));
    assertThat(admits(credentials, OLD)).isTrue();
    clock.setInstant(ROTATED_AT.plus(Duration.ofHours(24)));
    assertThat(admits(credentials, OLD)).isFalse();
    assertThat(admits(credentials, NEW)).isTrue();
  }

  @Test
  void credentialsAreReadOncePerVersionOfTheTrigger() {
    FireableTrigger trigger = rotatedGithubTrigger(ROTATED_AT.plusSeconds(60));
    FireableTrigger sameDocument =
        new FireableTrigger(
            TRIGGER, "ws", "wf", TriggerType.WEBHOOK, trigger.config(), 2, ScheduleTimes.NONE);
    FireableTrigger changed = rotatedGithubTrigger(ROTATED_AT.plusSeconds(60));

    WebhookCredentials first = authentication.credentials(trigger).orElseThrow();

    assertThat(authentication.credentials(sameDocument)).containsSame(first);
    assertThat(authentication.credentials(changed).orElseThrow()).isNotSameAs(first);
  }

  @Test
  void malformedEncryptionKeyStopsStartupWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                new WebhookAuthentication(
                    new WebhookProperties(
                        DataSize.ofMegabytes(1),
                        "c2hvcnQta2V5",
                        Duration.ofSeconds(5),
                        WebhookProperties.JsonLimits.DEFAULTS),
                    clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("outrun.listener.webhook.encryption-key must be 32 bytes");
  }

  @Test
  void aConfigThatCannotBeReadHasNoCredentials() {
    FireableTrigger unreadable =
        new FireableTrigger(
            TRIGGER,
            "ws",
            "wf",
            TriggerType.WEBHOOK,
            stored(TriggerType.WEBHOOK, Map.of("authType", "oauth")),
            1,
            ScheduleTimes.NONE);

    assertThat(authentication.credentials(unreadable)).isEmpty();
  }

  private boolean admits(WebhookCredentials credentials, String secret) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Hub-Signature-256", "sha256=" + hexMac(secret));
    WebhookCall call =
        new WebhookCall(
            TRIGGER, "POST", "/api/webhooks/" + TRIGGER, headers, new LinkedMultiValueMap<>());
    return authentication.admits(credentials, call, BODY);
  }

  private static FireableTrigger rotatedGithubTrigger(Instant previousExpiresAt) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("method", "POST");
    config.put("authType", "hmac");
    config.put("signatureScheme", "github");
    config.put("secretEncrypted", WebhookSecretFixtures.encrypt(NEW, TRIGGER));
    config.put("keyId", "k-test");
    config.put("previousSecretEncrypted", WebhookSecretFixtures.encrypt(OLD, TRIGGER));
    config.put("previousKeyId", "k-test");
    config.put("previousSecretExpiresAt", Date.from(previousExpiresAt));
    return new FireableTrigger(
        TRIGGER,
        "ws",
        "wf",
        TriggerType.WEBHOOK,
        stored(TriggerType.WEBHOOK, config),
        1,
        ScheduleTimes.NONE);
  }

  private static String hexMac(String secret) {
    return HexFormat.of()
        .formatHex(WebhookSignatures.hmac(secret.getBytes(StandardCharsets.UTF_8), BODY));
  }
}
