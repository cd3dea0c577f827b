package io.outrun.api.trigger;

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
 * Encrypts webhook HMAC secrets at rest with AES-256-GCM: a fresh random 96-bit nonce per
 * encryption, the trigger id as associated data (a ciphertext copied onto another trigger does not
 * decrypt). Stored form: base64 of {@code nonce || ciphertext || tag}. The key comes from
 * configuration and is never stored; {@link #keyId()} (a short digest of it) is stored next to the
 * ciphertext so a key rotation can tell which key encrypted what. Pure: no Spring, no I/O.
 */
final class SecretCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random;

  SecretCipher(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret encryption key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = "k-" + HexFormat.of().formatHex(sha256(key), 0, 4);
    this.random = random;
  }

  String keyId() {
    return keyId;
  }

  String encrypt(String secret, String triggerId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(triggerId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The plain secret; fails if the ciphertext was altered or belongs to another trigger. */
  String decrypt(String encrypted, String triggerId) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(encrypted);
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
    cipher.updateAAD(triggerId.getBytes(StandardCharsets.UTF_8));
    byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
    return new String(plain, StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
