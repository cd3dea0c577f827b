package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

  private final SecureRandom random = new SecureRandom();
  private final SecretCipher cipher = new SecretCipher(new byte[32], random);
  private final WebhookSecrets secrets = new WebhookSecrets(random, cipher);

  @Test
  void generatedSecretsHave256BitsInBase64Url() {
    String secret = secrets.generate(Map.of("authType", "api_key"));
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(secrets.generate(Map.of("authType", "api_key"))).isNotEqualTo(secret);
  }

  @Test
  void standardWebhooksSecretsHaveTheWhsecForm() {
    String secret = secrets.generate(Map.of("authType", "hmac", "signatureScheme", "standard"));
    assertThat(secret).startsWith("whsec_");
    assertThat(WebhookConfigRule.isStandardSecret(secret)).isTrue();
  }

  @Test
  void tokensAreStoredAsTheirSha256Only() {
    Map<String, Object> stored = secrets.stored(Map.of("authType", "bearer"), "token", "t1");
    assertThat(stored)
        .isEqualTo(
            Map.of(
                "secretHash", "3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0"));
  }

  @Test
  void hmacSecretsAreStoredEncryptedAndDecryptBack() throws GeneralSecurityException {
    Map<String, Object> stored =
        secrets.stored(Map.of("authType", "hmac"), "my-hmac-secret-123", "t1");
    assertThat(stored).containsOnlyKeys("secretEncrypted", "keyId");
    assertThat(stored.values().toString()).doesNotContain("my-hmac-secret-123");
    assertThat(cipher.decrypt((String) stored.get("secretEncrypted"), "t1"))
        .isEqualTo("my-hmac-secret-123");
  }

  @Test
  void everyEncryptionUsesAFreshNonce() {
    assertThat(cipher.encrypt("same", "t1")).isNotEqualTo(cipher.encrypt("same", "t1"));
  }

  @Test
  void ciphertextOfOneTriggerDoesNotDecryptForAnother() {
    String encrypted = cipher.encrypt("secret", "t1");
    assertThatThrownBy(() -> cipher.decrypt(encrypted, "t2"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyIdNamesTheKeyWithoutRevealingIt() {
    assertThat(cipher.keyId()).startsWith("k-").hasSize(10);
    assertThat(new SecretCipher(new byte[32], random).keyId()).isEqualTo(cipher.keyId());
  }

  @Test
  void withoutAKeyHmacWebhooksAreRefusedAs503ButTokensStillWork() {
    TriggerSecretsService service = new TriggerSecretsService(new WebhookSecrets(random, null));
    Map<String, Object> hmac = Map.of("authType", "hmac", "signatureScheme", "hmac");

    assertThatThrownBy(() -> service.forNew("t1", hmac, hmac))
        .isInstanceOfSatisfying(
            io.outrun.api.error.ProblemException.class,
            e -> assertThat(e.status().value()).isEqualTo(503));
    assertThat(service.forNew("t2", Map.of("authType", "api_key"), Map.of()).config())
        .containsKey("secretHash");
  }

  @Test
  void secretMaterialIsRecognisedButTheGraceDeadlineIsNot() {
    assertThat(WebhookSecrets.isSecretField("secretHash")).isTrue();
    assertThat(WebhookSecrets.isSecretField("previousSecretEncrypted")).isTrue();
    assertThat(WebhookSecrets.isSecretField("previousKeyId")).isTrue();
    assertThat(WebhookSecrets.isSecretField("previousSecretExpiresAt")).isFalse();
    assertThat(WebhookSecrets.previous("secretHash")).isEqualTo("previousSecretHash");
  }
}
