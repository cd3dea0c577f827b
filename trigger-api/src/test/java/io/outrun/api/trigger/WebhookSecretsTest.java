package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.events.TriggerType;
import io.outrun.service.secret.SecretBox;
import io.outrun.triggers.TriggerConfigs;
import io.outrun.triggers.TriggerConfigs.Checked;
import io.outrun.triggers.WebhookConfig;
import io.outrun.triggers.WebhookConfig.SignatureScheme;
import io.outrun.triggers.WebhookSecretRefs;
import io.outrun.triggers.WebhookSecretRefs.Secret;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private final SecureRandom random = new SecureRandom();
  private final SecretBox box = SecretBox.fromBase64(KEY, "key").orElseThrow();
  private final WebhookSecrets secrets = new WebhookSecrets(random, box);

  @Test
  void generatedSecretsHave256BitsInBase64Url() {
    String secret = secrets.generate(webhook(Map.of("authType", "api_key")));
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(secrets.generate(webhook(Map.of("authType", "api_key")))).isNotEqualTo(secret);
  }

  @Test
  void standardWebhooksSecretsHaveTheWhsecForm() {
    String secret =
        secrets.generate(webhook(Map.of("authType", "hmac", "signatureScheme", "standard")));
    assertThat(secret).startsWith("whsec_");
    assertThat(SignatureScheme.isStandardSecret(secret)).isTrue();
  }

  @Test
  void tokensAreStoredAsTheirSha256Only() {
    Secret stored = secrets.stored(webhook(Map.of("authType", "bearer")), "token", "t1");
    assertThat(stored)
        .isEqualTo(
            Secret.hashed("3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0"));
  }

  @Test
  void hmacSecretsAreStoredEncryptedAndDecryptBack() throws GeneralSecurityException {
    Secret stored = secrets.stored(webhook(Map.of("authType", "hmac")), "my-hmac-secret-123", "t1");
    assertThat(stored.hash()).isNull();
    assertThat(stored.keyId()).isEqualTo(box.keyId());
    assertThat(stored.toString()).doesNotContain("my-hmac-secret-123");
    assertThat(box.open(stored.encrypted(), "t1")).isEqualTo("my-hmac-secret-123");
  }

  @Test
  void everyEncryptionUsesAFreshNonce() {
    WebhookConfig hmac = webhook(Map.of("authType", "hmac"));
    assertThat(secrets.stored(hmac, "same", "t1").encrypted())
        .isNotEqualTo(secrets.stored(hmac, "same", "t1").encrypted());
  }

  @Test
  void ciphertextOfOneTriggerDoesNotDecryptForAnother() {
    String encrypted =
        secrets.stored(webhook(Map.of("authType", "hmac")), "secret", "t1").encrypted();
    assertThatThrownBy(() -> box.open(encrypted, "t2"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyIdNamesTheKeyWithoutRevealingIt() {
    assertThat(box.keyId()).startsWith("k-").hasSize(10);
    assertThat(SecretBox.fromBase64(KEY, "key").orElseThrow().keyId()).isEqualTo(box.keyId());
  }

  @Test
  void withoutAKeyHmacWebhooksAreRefusedAs503ButTokensStillWork() {
    TriggerSecretsService service =
        new TriggerSecretsService(new WebhookSecrets(random, null), Clock.systemUTC());
    WebhookConfig hmac = webhook(Map.of("authType", "hmac", "signatureScheme", "hmac"));

    assertThatThrownBy(() -> service.forNew("t1", new Checked.Valid(hmac, null)))
        .isInstanceOfSatisfying(
            io.outrun.api.error.ProblemException.class,
            e -> assertThat(e.status().value()).isEqualTo(503));
    WebhookConfig apiKey = webhook(Map.of("authType", "api_key"));
    assertThat(service.forNew("t2", new Checked.Valid(apiKey, null)).config())
        .extracting(stored -> stored.as(WebhookConfig.class).orElseThrow().secrets().current())
        .extracting(Secret::hash)
        .isNotNull();
  }

  @Test
  void secretMaterialIsRecognisedButTheGraceDeadlineIsNot() {
    assertThat(WebhookSecretRefs.isSecretField("secretHash")).isTrue();
    assertThat(WebhookSecretRefs.isSecretField("previousSecretEncrypted")).isTrue();
    assertThat(WebhookSecretRefs.isSecretField("previousKeyId")).isTrue();
    assertThat(WebhookSecretRefs.isSecretField("previousSecretExpiresAt")).isFalse();
  }

  private static WebhookConfig webhook(Map<String, Object> stored) {
    return TriggerConfigs.fromStored(TriggerType.WEBHOOK, stored)
        .as(WebhookConfig.class)
        .orElseThrow();
  }
}
