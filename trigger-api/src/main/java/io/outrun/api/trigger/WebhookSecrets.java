package io.outrun.api.trigger;

import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.Sha256;
import io.outrun.triggers.WebhookConfig;
import io.outrun.triggers.WebhookConfig.AuthType;
import io.outrun.triggers.WebhookConfig.SignatureScheme;
import io.outrun.triggers.WebhookSecretRefs.Secret;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates webhook secrets and decides how each is kept. api_key and bearer secrets are only ever
 * compared, so they are stored as a SHA-256 hash (hex): they are generated here with 256 bits of
 * entropy, so a fast hash is enough, a slow password hash would add nothing but latency on every
 * request. HMAC secrets must be recovered to verify signatures, so they are stored encrypted with
 * the trigger id as owner ({@link SecretBox}, the cipher of workspace secrets too, so that
 * listener-service opens them with the same code); without a configured key such triggers cannot be
 * created. Pure: no Spring, no I/O.
 */
final class WebhookSecrets {

  private static final int SECRET_BYTES = 32;

  private final SecureRandom random;
  private final SecretBox box;

  /** {@code box} may be null: then HMAC secrets cannot be stored. */
  WebhookSecrets(SecureRandom random, SecretBox box) {
    this.random = random;
    this.box = box;
  }

  boolean canEncrypt() {
    return box != null;
  }

  /** Whether the webhook's secret is kept encrypted (HMAC schemes) rather than hashed. */
  static boolean encrypted(WebhookConfig config) {
    return config.authType() == AuthType.HMAC;
  }

  /** 32 random bytes, base64url; for the Standard Webhooks scheme {@code whsec_<base64>}. */
  String generate(WebhookConfig config) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    if (config.signatureScheme() == SignatureScheme.STANDARD) {
      return SignatureScheme.STANDARD_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** How {@code secret} is kept: its hash, or its ciphertext and key id. */
  Secret stored(WebhookConfig config, String secret, String triggerId) {
    if (!encrypted(config)) {
      return Secret.hashed(Sha256.hex(secret));
    }
    if (box == null) {
      throw new IllegalStateException("secret encryption is not configured");
    }
    return Secret.encrypted(box.seal(secret, triggerId), box.keyId());
  }
}
