package io.outrun.api.trigger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates webhook secrets and decides how each is kept. api_key and bearer secrets are only ever
 * compared, so they are stored as a SHA-256 hash (hex): they are generated here with 256 bits of
 * entropy, so a fast hash is enough, a slow password hash would add nothing but latency on every
 * request. HMAC secrets must be recovered to verify signatures, so they are stored encrypted
 * ({@link SecretCipher}); without a configured key such triggers cannot be created. Pure: no
 * Spring, no I/O.
 */
final class WebhookSecrets {

  static final String HASH = "secretHash";
  static final String ENCRYPTED = "secretEncrypted";
  static final String KEY_ID = "keyId";
  static final String PREVIOUS_PREFIX = "previous";
  static final String PREVIOUS_EXPIRES_AT = "previousSecretExpiresAt";
  private static final int SECRET_BYTES = 32;

  private final SecureRandom random;
  private final SecretCipher cipher;

  /** {@code cipher} may be null: then HMAC secrets cannot be stored. */
  WebhookSecrets(SecureRandom random, SecretCipher cipher) {
    this.random = random;
    this.cipher = cipher;
  }

  boolean canEncrypt() {
    return cipher != null;
  }

  /** Whether a webhook with this stored config needs a secret. */
  static boolean needsSecret(Map<String, Object> config) {
    return !WebhookConfigRule.NO_AUTH.equals(config.get("authType"));
  }

  /** Whether the config's secret is kept encrypted (HMAC schemes) rather than hashed. */
  static boolean encrypted(Map<String, Object> config) {
    return WebhookConfigRule.HMAC.equals(config.get("authType"));
  }

  /** 32 random bytes, base64url; for the Standard Webhooks scheme {@code whsec_<base64>}. */
  String generate(Map<String, Object> config) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    if (WebhookConfigRule.STANDARD.equals(config.get("signatureScheme"))) {
      return WebhookConfigRule.STANDARD_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The config fields that keep {@code secret}: its hash, or its ciphertext and key id. */
  Map<String, Object> stored(Map<String, Object> config, String secret, String triggerId) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (encrypted(config)) {
      if (cipher == null) {
        throw new IllegalStateException("secret encryption is not configured");
      }
      fields.put(ENCRYPTED, cipher.encrypt(secret, triggerId));
      fields.put(KEY_ID, cipher.keyId());
    } else {
      fields.put(HASH, sha256Hex(secret));
    }
    return fields;
  }

  static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(SecretCipher.sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** The names under which a config keeps secret material (current and previous). */
  static boolean isSecretField(String key) {
    return key.equals(HASH)
        || key.equals(ENCRYPTED)
        || key.equals(KEY_ID)
        || key.equals("secret")
        || (key.startsWith(PREVIOUS_PREFIX) && !key.equals(PREVIOUS_EXPIRES_AT));
  }

  /** {@code secretHash} -> {@code previousSecretHash}, {@code keyId} -> {@code previousKeyId}. */
  static String previous(String key) {
    return PREVIOUS_PREFIX + Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }
}
