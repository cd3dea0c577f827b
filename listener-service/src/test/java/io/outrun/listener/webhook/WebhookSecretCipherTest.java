package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.listener.WebhookSecretFixtures;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretCipherTest {

  private final WebhookSecretCipher cipher =
      WebhookSecretCipher.fromBase64(WebhookSecretFixtures.ENCRYPTION_KEY);

  @Test
  void decryptsWhatTriggerApiEncrypts() throws GeneralSecurityException {
    String encrypted = WebhookSecretFixtures.encrypt("s3cret-of-the-trigger", "t-1");

    assertThat(cipher.decrypt(encrypted, "t-1")).isEqualTo("s3cret-of-the-trigger");
  }

  @Test
  void ciphertextOfAnotherTriggerDoesNotDecrypt() {
    String encrypted = WebhookSecretFixtures.encrypt("s3cret-of-the-trigger", "t-1");

    assertThatThrownBy(() -> cipher.decrypt(encrypted, "t-2"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void alteredCiphertextDoesNotDecrypt() {
    byte[] bytes =
        Base64.getDecoder().decode(WebhookSecretFixtures.encrypt("s3cret-of-the-trigger", "t-1"));
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes), "t-1"))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher.decrypt("not base64!", "t-1"))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher.decrypt("AAAA", "t-1"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void ciphertextOfAnotherKeyDoesNotDecrypt() {
    String encrypted = WebhookSecretFixtures.encrypt(new byte[32], "s3cret", "t-1");

    assertThatThrownBy(() -> cipher.decrypt(encrypted, "t-1"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyMustBe32BytesOfBase64() {
    assertThatThrownBy(() -> WebhookSecretCipher.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> WebhookSecretCipher.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not base64!");
  }
}
