package io.outrun.service.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
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
}
