package io.outrun.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets stored the way trigger-api stores them: SHA-256 hex for api_key and bearer,
 * AES-256-GCM ({@code nonce || ciphertext || tag}, base64, trigger id as associated data) for the
 * HMAC schemes. A copy of trigger-api's {@code SecretCipher#encrypt}, which the listener may not
 * depend on.
 */
public final class WebhookSecretFixtures {

  /** The key the integration tests configure: 32 bytes, base64. */
  public static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecretFixtures() {}

  public static String encrypt(String secret, String triggerId) {
    return encrypt(Base64.getDecoder().decode(ENCRYPTION_KEY), secret, triggerId);
  }

  public static String encrypt(byte[] key, String secret, String triggerId) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(triggerId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
