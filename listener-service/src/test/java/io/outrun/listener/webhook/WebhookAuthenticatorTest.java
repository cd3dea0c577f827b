package io.outrun.listener.webhook;

import static io.outrun.listener.StoredConfigs.stored;
import static io.outrun.listener.StoredConfigs.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.listener.WebhookSecretFixtures;
import io.outrun.service.secret.SecretBox;
import io.outrun.triggers.WebhookConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Credentials read from trigger configs as trigger-api stores them, checked against requests. */
class WebhookAuthenticatorTest {

  private static final String TRIGGER = "t-42";
  private static final String SECRET = "gC2pX0y7kL1mN4qR8sT6vW9zA3bD5eF0hJ2";
  private static final String OLD_SECRET = "old-secret-0123456789-abcdefghij";
  private static final String STANDARD_SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString(
                  new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                  });
  private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final SecretBox box =
      SecretBox.fromBase64(WebhookSecretFixtures.ENCRYPTION_KEY, "test key").orElseThrow();

  @Test
  void noneNeedsNoCredentials() {
    assertThat(admits(Map.of("authType", "none"), Map.of(), NOW)).isTrue();
    assertThat(admits(Map.of(), Map.of(), NOW)).isTrue();
  }

  @Test
  void apiKeyMatchesTheStoredHash() {
    Map<String, Object> config = hashed("api_key", SECRET);

    assertThat(admits(config, Map.of("x-api-key", SECRET), NOW)).isTrue();
    assertThat(admits(config, Map.of("X-API-Key", SECRET + "x"), NOW)).isFalse();
    assertThat(admits(config, Map.of("Authorization", "Bearer " + SECRET), NOW)).isFalse();
    assertThat(admits(config, Map.of(), NOW)).isFalse();
  }

  @Test
  void bearerMatchesTheStoredHash() {
    Map<String, Object> config = hashed("bearer", SECRET);

    assertThat(admits(config, Map.of("Authorization", "Bearer " + SECRET), NOW)).isTrue();
    assertThat(admits(config, Map.of("Authorization", "bearer " + SECRET), NOW)).isTrue();
    assertThat(admits(config, Map.of("Authorization", "Basic " + SECRET), NOW)).isFalse();
    assertThat(admits(config, Map.of("Authorization", "Bearer wrong"), NOW)).isFalse();
    assertThat(admits(config, Map.of("X-API-Key", SECRET), NOW)).isFalse();
  }

  @Test
  void hmacSchemeVerifiesXSignature() {
    Map<String, Object> config = encrypted("hmac", SECRET);

    assertThat(admits(config, Map.of("X-Signature", "sha256=" + hexMac(SECRET)), NOW)).isTrue();
    assertThat(admits(config, Map.of("X-Hub-Signature-256", "sha256=" + hexMac(SECRET)), NOW))
        .isFalse();
  }

  @Test
  void githubSchemeVerifiesXHubSignature256() {
    Map<String, Object> config = encrypted("github", SECRET);

    assertThat(admits(config, Map.of("X-Hub-Signature-256", "sha256=" + hexMac(SECRET)), NOW))
        .isTrue();
    assertThat(admits(config, Map.of("X-Hub-Signature-256", "sha256=" + hexMac(OLD_SECRET)), NOW))
        .isFalse();
  }

  @Test
  void stripeSchemeVerifiesStripeSignature() {
    Map<String, Object> config = encrypted("stripe", SECRET);
    long t = NOW.getEpochSecond();
    String v1 = hex(mac(SECRET.getBytes(StandardCharsets.UTF_8), t + "." + new String(BODY)));

    assertThat(admits(config, Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1), NOW)).isTrue();
    assertThat(
            admits(
                config, Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1), NOW.plusSeconds(301)))
        .isFalse();
  }

  @Test
  void standardSchemeUsesTheDecodedWhsecKey() {
    Map<String, Object> config = encrypted("standard", STANDARD_SECRET);
    long t = NOW.getEpochSecond();
    byte[] key = Base64.getDecoder().decode(STANDARD_SECRET.substring("whsec_".length()));
    String signature =
        "v1," + Base64.getEncoder().encodeToString(mac(key, "msg_1." + t + "." + new String(BODY)));

    Map<String, String> headers =
        Map.of("webhook-id", "msg_1", "webhook-timestamp", "" + t, "webhook-signature", signature);
    assertThat(admits(config, headers, NOW)).isTrue();
    assertThat(admits(config, headers, NOW.minusSeconds(301))).isFalse();
  }

  @Test
  void previousSecretKeepsVerifyingUntilItsExpiry() {
    Instant expiry = NOW.plus(Duration.ofHours(24));
    Map<String, Object> config = encrypted("github", SECRET);
    config.put("previousSecretEncrypted", WebhookSecretFixtures.encrypt(OLD_SECRET, TRIGGER));
    config.put("previousKeyId", "k-test");
    config.put("previousSecretExpiresAt", Date.from(expiry));
    Map<String, String> old = Map.of("X-Hub-Signature-256", "sha256=" + hexMac(OLD_SECRET));
    Map<String, String> current = Map.of("X-Hub-Signature-256", "sha256=" + hexMac(SECRET));

    assertThat(admits(config, old, NOW)).isTrue();
    assertThat(admits(config, old, expiry.minusSeconds(1))).isTrue();
    assertThat(admits(config, old, expiry)).isFalse();
    assertThat(admits(config, current, expiry.plusSeconds(3600))).isTrue();
  }

  @Test
  void previousTokenKeepsVerifyingUntilItsExpiry() {
    Instant expiry = NOW.plus(Duration.ofHours(24));
    Map<String, Object> config = hashed("bearer", SECRET);
    config.put("previousSecretHash", WebhookSecretFixtures.sha256Hex(OLD_SECRET));
    config.put("previousSecretExpiresAt", expiry);

    assertThat(admits(config, Map.of("Authorization", "Bearer " + OLD_SECRET), NOW)).isTrue();
    assertThat(admits(config, Map.of("Authorization", "Bearer " + OLD_SECRET), expiry)).isFalse();
  }

  @Test
  void secretThatCannotBeDecryptedVerifiesNothing() {
    Map<String, Object> config = encrypted("hmac", SECRET);
    WebhookCredentials withoutKey = WebhookCredentials.read(TRIGGER, webhook(config), null);
    WebhookCredentials otherTrigger = WebhookCredentials.read("t-other", webhook(config), box);
    Map<String, String> headers = Map.of("X-Signature", "sha256=" + hexMac(SECRET));

    assertThat(withoutKey.keys()).isEmpty();
    assertThat(withoutKey.problem()).doesNotContain(SECRET);
    assertThat(authenticate(withoutKey, headers, NOW)).isFalse();
    assertThat(otherTrigger.keys()).isEmpty();
    assertThat(authenticate(otherTrigger, headers, NOW)).isFalse();
  }

  /**
   * A secret as trigger-api stored it before both services shared {@link SecretBox}, with the
   * integration tests' key: triggers already in MongoDB keep verifying.
   */
  @Test
  void secretStoredByEarlierVersionsStillVerifies() {
    String triggerId = "0b6f3f8e-2c1d-4e5a-9b7c-3d2e1f0a9b8c";
    String secret = "github-shared-secret-42";
    Map<String, Object> config = encrypted("github", secret);
    config.put(
        "secretEncrypted", "gwnxudyPCGMuZSDXcK/lduM8crGMyCUfb/ov3hYXlPMm8Qh1GXzV5tE5iyZbkc2c25Vr");
    config.put("keyId", "k-3eb1bd43");

    WebhookCredentials credentials = WebhookCredentials.read(triggerId, webhook(config), box);

    assertThat(credentials.problem()).isNull();
    assertThat(
            authenticate(
                credentials, Map.of("X-Hub-Signature-256", "sha256=" + hexMac(secret)), NOW))
        .isTrue();
  }

  @Test
  void alteredSecretIsAProblemThatNamesNoSecret() {
    Map<String, Object> config = encrypted("hmac", SECRET);
    byte[] sealed = Base64.getDecoder().decode((String) config.get("secretEncrypted"));
    sealed[sealed.length - 1] ^= 1;
    config.put("secretEncrypted", Base64.getEncoder().encodeToString(sealed));

    WebhookCredentials credentials = WebhookCredentials.read(TRIGGER, webhook(config), box);

    assertThat(credentials.keys()).isEmpty();
    assertThat(credentials.problem())
        .isEqualTo("current secret: cannot be decrypted (another key or altered)");
  }

  @Test
  void unknownAuthTypeOrSchemeIsAConfigThatCannotBeRead() {
    assertThat(stored(TriggerType.WEBHOOK, Map.of("authType", "oauth")).as(WebhookConfig.class))
        .isEmpty();
    assertThat(
            stored(TriggerType.WEBHOOK, Map.of("authType", "hmac", "signatureScheme", "slack"))
                .as(WebhookConfig.class))
        .isEmpty();
  }

  private boolean admits(Map<String, ?> config, Map<String, String> headers, Instant now) {
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = (Map<String, Object>) config;
    return authenticate(WebhookCredentials.read(TRIGGER, webhook(stored), box), headers, now);
  }

  private static boolean authenticate(
      WebhookCredentials credentials, Map<String, String> headers, Instant now) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return WebhookAuthenticator.authenticate(credentials, byName::get, BODY, now);
  }

  private static Map<String, Object> hashed(String authType, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("method", "POST");
    config.put("authType", authType);
    config.put("secretHash", WebhookSecretFixtures.sha256Hex(secret));
    return config;
  }

  private static Map<String, Object> encrypted(String scheme, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("method", "POST");
    config.put("authType", "hmac");
    config.put("signatureScheme", scheme);
    config.put("secretEncrypted", WebhookSecretFixtures.encrypt(secret, TRIGGER));
    config.put("keyId", "k-test");
    return config;
  }

  private static String hexMac(String secret) {
    return hex(mac(secret.getBytes(StandardCharsets.UTF_8), new String(BODY)));
  }

  private static byte[] mac(byte[] key, String data) {
    return WebhookSignatures.hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
