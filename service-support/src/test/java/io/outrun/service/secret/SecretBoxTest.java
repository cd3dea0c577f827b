package io.outrun.service.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  /** The key the stored ciphertexts below were sealed with (the services' test key). */
  private static final String STORED_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private final SecretBox box = SecretBox.fromBase64(KEY, "key").orElseThrow();

  @Test
  void sealedValueOpensForItsOwnerOnly() throws GeneralSecurityException {
    String sealed = box.seal("s3cr3t", "ws-1:TOKEN");

    assertThat(sealed).doesNotContain("s3cr3t");
    assertThat(box.open(sealed, "ws-1:TOKEN")).isEqualTo("s3cr3t");
    assertThatThrownBy(() -> box.open(sealed, "ws-2:TOKEN"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void eachSealUsesAFreshNonce() {
    assertThat(box.seal("same", "o")).isNotEqualTo(box.seal("same", "o"));
  }

  @Test
  void anotherKeyCannotOpenAndHasAnotherKeyId() {
    byte[] other = new byte[32];
    other[0] = 1;
    SecretBox second =
        SecretBox.fromBase64(Base64.getEncoder().encodeToString(other), "key").orElseThrow();

    assertThat(second.keyId()).isNotEqualTo(box.keyId()).startsWith("k-");
    assertThatThrownBy(() -> second.open(box.seal("v", "o"), "o"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void missingKeyIsNoBoxAndMalformedKeyFailsWithoutEchoingIt() {
    assertThat(SecretBox.fromBase64(" ", "key")).isEmpty();
    assertThatThrownBy(() -> SecretBox.fromBase64("not base64!", "my.key"))
        .hasMessage("my.key must be base64");
    assertThatThrownBy(() -> SecretBox.fromBase64("AAAA", "my.key"))
        .hasMessage("my.key must be 32 bytes");
  }

  @Test
  void truncatedCiphertextIsRefused() {
    assertThatThrownBy(() -> box.open("AAAA", "o")).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void alteredOrMalformedCiphertextIsRefused() {
    byte[] bytes = Base64.getDecoder().decode(box.seal("s3cr3t", "o"));
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(bytes), "o"))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> box.open("not base64!", "o"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("the stored secret is not base64");
    assertThatThrownBy(() -> box.open("AAAA", "o"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("the stored secret is too short");
  }

  /**
   * Sealed by trigger-api's own webhook cipher ({@code SecretCipher#encrypt}) before it was
   * replaced by this class: HMAC secrets already in MongoDB must keep opening.
   */
  @Test
  void opensAWebhookSecretSealedByTheFormerTriggerApiCipher() throws GeneralSecurityException {
    SecretBox stored = SecretBox.fromBase64(STORED_KEY, "key").orElseThrow();
    String triggerId = "0b6f3f8e-2c1d-4e5a-9b7c-3d2e1f0a9b8c";
    String sealed = "gwnxudyPCGMuZSDXcK/lduM8crGMyCUfb/ov3hYXlPMm8Qh1GXzV5tE5iyZbkc2c25Vr";

    assertThat(stored.keyId()).isEqualTo("k-3eb1bd43");
    assertThat(stored.open(sealed, triggerId)).isEqualTo("github-shared-secret-42");
    assertThatThrownBy(() -> stored.open(sealed, "another-trigger"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  /** Sealed by this class before the webhook ciphers were folded into it. */
  @Test
  void opensAWorkspaceSecretSealedBeforehand() throws GeneralSecurityException {
    SecretBox stored = SecretBox.fromBase64(STORED_KEY, "key").orElseThrow();
    String sealed = "Ou+IrOFqAbIF49kXQW2BSW6sAqDIMVl1dV+6LsynwqvKpd857TjZag==";

    assertThat(stored.open(sealed, StoredSecrets.id("ws-1", "API_TOKEN")))
        .isEqualTo("s3cr3t-value");
  }
}
