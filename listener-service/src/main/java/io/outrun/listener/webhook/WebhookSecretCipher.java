package io.outrun.listener.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts webhook HMAC secrets as trigger-api's {@code SecretCipher} encrypts them: AES-256-GCM,
 * stored as base64 of {@code nonce(12) || ciphertext || tag(16)}, the trigger id as associated
 * data. Decryption only: the listener never writes secrets. Pure: no Spring, no I/O.
 */
final class WebhookSecretCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  private final SecretKeySpec key;

  WebhookSecretCipher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret encryption key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** From the configured base64 form; fails (never echoing the key) when malformed. */
  static WebhookSecretCipher fromBase64(String key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret encryption key must be base64", e);
    }
    return new WebhookSecretCipher(bytes);
  }

  /**
   * The plain secret; fails if the ciphertext was altered, is another trigger's, or another key's.
   */
  String decrypt(String encrypted, String triggerId) throws GeneralSecurityException {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(encrypted);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the stored secret is not base64", e);
    }
    if (all.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("the stored secret is too short");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
    cipher.updateAAD(triggerId.getBytes(StandardCharsets.UTF_8));
    byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
    return new String(plain, StandardCharsets.UTF_8);
  }
}
