package io.outrun.triggers;

import java.time.Instant;

/**
 * Where a webhook's secret is kept, as stored in its config: api_key and bearer secrets as a
 * SHA-256 hash ({@code secretHash}, hex), HMAC secrets encrypted ({@code secretEncrypted}, {@code
 * keyId}). After a rotation the replaced secret stays usable until {@code previousExpiresAt}
 * ({@code previousSecretHash}, {@code previousSecretEncrypted}, {@code previousKeyId}, {@code
 * previousSecretExpiresAt}). Never the secret itself.
 *
 * @param current null when none is stored
 * @param previous null unless a rotation left one
 * @param previousExpiresAt when {@code previous} stops being accepted; null without one
 */
public record WebhookSecretRefs(Secret current, Secret previous, Instant previousExpiresAt) {

  public static final WebhookSecretRefs NONE = new WebhookSecretRefs(null, null, null);

  static final String HASH = "secretHash";
  static final String ENCRYPTED = "secretEncrypted";
  static final String KEY_ID = "keyId";
  static final String PREVIOUS_PREFIX = "previous";
  static final String PREVIOUS_EXPIRES_AT = "previousSecretExpiresAt";

  /** Only the current secret: what a new secret or one kept as it was is stored as. */
  public static WebhookSecretRefs of(Secret current) {
    return new WebhookSecretRefs(current, null, null);
  }

  /** {@code replacement} becomes current; the current one stays usable until {@code expiresAt}. */
  public WebhookSecretRefs rotatedTo(Secret replacement, Instant expiresAt) {
    return new WebhookSecretRefs(replacement, current, expiresAt);
  }

  /** Whether a config key holds secret material, which the API never shows. */
  public static boolean isSecretField(String key) {
    return key.equals(HASH)
        || key.equals(ENCRYPTED)
        || key.equals(KEY_ID)
        || key.equals("secret")
        || (key.startsWith(PREVIOUS_PREFIX) && !key.equals(PREVIOUS_EXPIRES_AT));
  }

  /**
   * One stored secret: its hash (api_key, bearer) or its ciphertext and the id of the key that
   * encrypted it (HMAC schemes).
   */
  public record Secret(String hash, String encrypted, String keyId) {

    public static Secret hashed(String hash) {
      return new Secret(hash, null, null);
    }

    public static Secret encrypted(String encrypted, String keyId) {
      return new Secret(null, encrypted, keyId);
    }
  }
}
