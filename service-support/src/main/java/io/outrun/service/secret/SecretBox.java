package io.outrun.service.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest: a fresh random 96-bit nonce per encryption, stored as base64 of
 * {@code nonce || ciphertext || tag}, with associated data binding the ciphertext to its owner (a
 * ciphertext copied onto another owner does not decrypt). The key is configuration, never stored;
 * {@link #keyId()} (the first 4 bytes of its SHA-256, hex) is stored next to each ciphertext so a
 * rotation can tell which key encrypted what. Pure: no Spring, no I/O.
 *
 * <p>The one cipher for both kinds of stored secret, which share a key: workspace secrets (owner
 * {@code <workspaceId>:<name>}, see {@link StoredSecrets#id}) and webhook HMAC secrets (owner the
 * trigger id, a UUID: trigger-api seals them, listener-service opens them). A trigger id has no
 * {@code :}, so no owner of one kind is an owner of the other and neither ciphertext opens as the
 * other. Values stored since before the webhook side used this class keep opening (the tests pin
 * ciphertexts made then), so the format above must not change.
 */
public final class SecretBox {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random;

  SecretBox(byte[] key, SecureRandom random) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret encryption key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = "k-" + HexFormat.of().formatHex(Sha256.of(key), 0, 4);
    this.random = random;
  }

  /**
   * The box for a configured base64 key, or empty when none is configured. A malformed key fails
   * (never echoing it). The random source is seeded and the cipher exercised here, on the calling
   * (starting) thread, so no later call reads {@code /dev/urandom} or loads a provider on an
   * event-loop thread.
   */
  public static Optional<SecretBox> fromBase64(String key, String property) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " must be base64", e);
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException(property + " must be 32 bytes");
    }
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("DRBG");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DRBG is unavailable", e);
    }
    random.nextBytes(new byte[KEY_BYTES]);
    SecretBox box = new SecretBox(bytes, random);
    try {
      box.open(box.seal("warm-up", "warm-up"), "warm-up");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
    return Optional.of(box);
  }

  public String keyId() {
    return keyId;
  }

  /** The ciphertext of {@code plain}, bound to {@code owner} (associated data). */
  public String seal(String plain, String owner) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The plain text; fails if the ciphertext was altered, is another owner's or another key's. */
  public String open(String sealed, String owner) throws GeneralSecurityException {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the stored secret is not base64", e);
    }
    if (all.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("the stored secret is too short");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
    cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
    byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
    return new String(plain, StandardCharsets.UTF_8);
  }
}
